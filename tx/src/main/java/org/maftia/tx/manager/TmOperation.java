package org.maftia.tx.manager;

import org.maftia.tx.TransactionId;
import org.maftia.crypto.codec.ByteReader;
import org.maftia.crypto.codec.ByteWriter;

/**
 * The operations the transaction manager group executes (spec 5.3.4), one record per message of
 * Protocols 14-23: a one-byte kind, then the tid (32 bytes) for all but begin, then the
 * resource id and the vote where the message has them. The caller is not in the operation: it
 * is the invoker the replication layer authenticated.
 */
public sealed interface TmOperation {

    /** Protocol 14: tm-begin. */
    record Begin() implements TmOperation {
    }

    /** Protocol 15: tm-join. */
    record Join(TransactionId tid) implements TmOperation {
    }

    /** Protocol 17: tm-register, from a resource manager group. */
    record Register(TransactionId tid, String resource) implements TmOperation {
    }

    /** Protocol 18: tm-commit, a client's vote to commit. */
    record Commit(TransactionId tid) implements TmOperation {
    }

    /** Protocol 23: tm-abort, from any client of the transaction. */
    record Abort(TransactionId tid) implements TmOperation {
    }

    /** Protocol 20: rm-prepare-reply, a resource manager group's vote for one resource. */
    record PrepareVote(TransactionId tid, String resource, boolean ok) implements TmOperation {
    }

    /** Protocol 22: rm-ack, a resource manager group applied the outcome to one resource. */
    record Acknowledge(TransactionId tid, String resource) implements TmOperation {
    }

    /** The transaction's state, for a client that did not cast the deciding vote. */
    record Status(TransactionId tid) implements TmOperation {
    }

    default byte[] encode() {
        ByteWriter out = new ByteWriter();
        switch (this) {
            case Begin b -> out.u8(1);
            case Join j -> out.u8(2).raw(j.tid.bytes());
            case Register r -> out.u8(3).raw(r.tid.bytes()).prefixed(r.resource);
            case Commit c -> out.u8(4).raw(c.tid.bytes());
            case Abort a -> out.u8(5).raw(a.tid.bytes());
            case PrepareVote p -> out.u8(6).raw(p.tid.bytes()).prefixed(p.resource).bool(p.ok);
            case Acknowledge a -> out.u8(7).raw(a.tid.bytes()).prefixed(a.resource);
            case Status s -> out.u8(8).raw(s.tid.bytes());
        }
        return out.toByteArray();
    }

    /** Strict: an unknown kind, a short tid, a missing field or trailing bytes is refused. */
    static TmOperation decode(byte[] bytes) {
        ByteReader in = new ByteReader(bytes, "transaction manager operation");
        int kind = in.u8("kind");
        TmOperation operation = switch (kind) {
            case 1 -> new Begin();
            case 2 -> new Join(tid(in));
            case 3 -> new Register(tid(in), resource(in));
            case 4 -> new Commit(tid(in));
            case 5 -> new Abort(tid(in));
            case 6 -> new PrepareVote(tid(in), resource(in), in.bool("vote"));
            case 7 -> new Acknowledge(tid(in), resource(in));
            case 8 -> new Status(tid(in));
            default -> throw in.malformed("kind " + kind + " is not an operation (1 begin .. 8 status)");
        };
        in.end();
        return operation;
    }

    private static TransactionId tid(ByteReader in) {
        return new TransactionId(in.raw(TransactionId.LENGTH, "tid"));
    }

    private static String resource(ByteReader in) {
        String resource = in.prefixedString("resource id");
        if (resource.isEmpty()) {
            throw in.malformed("an empty resource id");
        }
        return resource;
    }
}
