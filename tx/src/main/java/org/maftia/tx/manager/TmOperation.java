package org.maftia.tx.manager;

import org.maftia.net.client.ClientId;
import org.maftia.tx.TransactionId;
import org.maftia.crypto.codec.ByteReader;
import org.maftia.crypto.codec.ByteWriter;

/**
 * The operations the transaction manager group executes for its clients and for resource manager
 * groups (spec 5.3.4, Protocols 14, 15, 17, 18 and 23): a one-byte kind, then the tid (32 bytes)
 * for all but begin and summary, then the resource id and the client for a registration. The
 * resource managers' prepare votes and acknowledgements are not operations: they are the replies
 * to the group's own calls ({@code org.maftia.replication.outcall}). The caller is not in the operation: it
 * is the invoker the replication layer authenticated.
 */
public sealed interface TmOperation {

    /** Protocol 14: tm-begin. */
    record Begin() implements TmOperation {
    }

    /** Protocol 15: tm-join. */
    record Join(TransactionId tid) implements TmOperation {
    }

    /**
     * Protocol 17: tm-register, from a resource manager group, for {@code resource} and on behalf
     * of {@code client}, which invoked it: the registration also asks whether that client is one
     * of the transaction's (only they may act on it).
     */
    record Register(TransactionId tid, String resource, ClientId client) implements TmOperation {
    }

    /** Protocol 18: tm-commit, a client's vote to commit. */
    record Commit(TransactionId tid) implements TmOperation {
    }

    /** Protocol 23: tm-abort, from any client of the transaction. */
    record Abort(TransactionId tid) implements TmOperation {
    }

    /** The transaction's state, for a client that did not cast the deciding vote. */
    record Status(TransactionId tid) implements TmOperation {
    }

    /** The log in figures (3.3.4.2 getStatus): transactions by state. */
    record Summary() implements TmOperation {
    }

    default byte[] encode() {
        ByteWriter out = new ByteWriter();
        switch (this) {
            case Begin b -> out.u8(1);
            case Join j -> out.u8(2).raw(j.tid.bytes());
            case Register r -> out.u8(3).raw(r.tid.bytes()).prefixed(r.resource).raw(r.client.publicKey());
            case Commit c -> out.u8(4).raw(c.tid.bytes());
            case Abort a -> out.u8(5).raw(a.tid.bytes());
            case Status s -> out.u8(6).raw(s.tid.bytes());
            case Summary s -> out.u8(7);
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
            case 3 -> new Register(tid(in), resource(in), new ClientId(in.raw(32, "client")));
            case 4 -> new Commit(tid(in));
            case 5 -> new Abort(tid(in));
            case 6 -> new Status(tid(in));
            case 7 -> new Summary();
            default -> throw in.malformed("kind " + kind + " is not an operation (1 begin .. 7 summary)");
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
