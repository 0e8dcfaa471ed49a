package org.maftia.tx.resource;

import java.util.ArrayList;
import java.util.List;
import org.maftia.crypto.codec.ByteReader;
import org.maftia.crypto.codec.ByteWriter;
import org.maftia.tx.TransactionId;
import org.maftia.tx.lock.LockMode;

/**
 * The operations a resource manager group executes (spec 5.3.4 and Table 3.1): a client's
 * invocation (Protocol 16's rm-invoke), registration ahead of one, and lock request (Protocol 24);
 * the transaction manager's prepare (19), commit and abort (21) and unlock (24); and the status.
 * A one-byte kind, the tid (32 bytes) where the operation has one, then the resource id, and the
 * method and its arguments as text for an invocation or the lock for a lock request.
 */
public sealed interface RmOperation {

    /** At most this many arguments to a method: a bound on what one operation makes a replica hold. */
    int MAX_ARGUMENTS = 64;

    /** Protocol 16: rm-invoke, from a client of the transaction. */
    record Invoke(TransactionId tid, String resource, String method, List<String> args) implements RmOperation {
        public Invoke {
            args = List.copyOf(args);
        }
    }

    /** Protocol 16 lines 7-18 alone: register {@code resource} with the transaction before invoking it (registerResource of 3.3.4.2). */
    record Enlist(TransactionId tid, String resource) implements RmOperation {
    }

    /** Protocol 24 lines 1-23: SetLockEvent, a client's request for a lock ahead of the invocations that need it. */
    record SetLock(TransactionId tid, String resource, LockMode mode) implements RmOperation {
    }

    /** Protocol 19: rm-prepare, from the transaction manager group. */
    record Prepare(TransactionId tid) implements RmOperation {
    }

    /** Protocol 21 lines 8-14: rm-commit, from the transaction manager group. */
    record Commit(TransactionId tid) implements RmOperation {
    }

    /** Protocol 21 lines 1-7: rm-abort, from the transaction manager group. */
    record Abort(TransactionId tid) implements RmOperation {
    }

    /** Protocol 24 lines 24-31: the transaction manager group releases a transaction's lock. */
    record Unlock(TransactionId tid, String resource) implements RmOperation {
    }

    /** The resource manager in figures (3.3.4.1 getStatus). */
    record Status() implements RmOperation {
    }

    default byte[] encode() {
        ByteWriter out = new ByteWriter();
        switch (this) {
            case Invoke i -> {
                out.u8(1).raw(i.tid.bytes()).prefixed(i.resource).prefixed(i.method).u32(i.args.size());
                i.args.forEach(out::prefixed);
            }
            case Prepare p -> out.u8(2).raw(p.tid.bytes());
            case Commit c -> out.u8(3).raw(c.tid.bytes());
            case Abort a -> out.u8(4).raw(a.tid.bytes());
            case Enlist e -> out.u8(5).raw(e.tid.bytes()).prefixed(e.resource);
            case SetLock l -> out.u8(6).raw(l.tid.bytes()).prefixed(l.resource).u8(l.mode.ordinal());
            case Unlock u -> out.u8(7).raw(u.tid.bytes()).prefixed(u.resource);
            case Status s -> out.u8(8);
        }
        return out.toByteArray();
    }

    /** Strict: an unknown kind, a short tid, too many arguments or trailing bytes is refused. */
    static RmOperation decode(byte[] bytes) {
        ByteReader in = new ByteReader(bytes, "resource manager operation");
        int kind = in.u8("kind");
        RmOperation operation = switch (kind) {
            case 1 -> {
                TransactionId tid = tid(in);
                String resource = in.prefixedString("resource id");
                String method = in.prefixedString("method");
                int count = in.count(4, "arguments");
                if (count > MAX_ARGUMENTS) {
                    throw in.malformed(count + " arguments, more than " + MAX_ARGUMENTS);
                }
                List<String> args = new ArrayList<>(count);
                for (int k = 0; k < count; k++) {
                    args.add(in.prefixedString("argument"));
                }
                yield new Invoke(tid, resource, method, args);
            }
            case 2 -> new Prepare(tid(in));
            case 3 -> new Commit(tid(in));
            case 4 -> new Abort(tid(in));
            case 5 -> new Enlist(tid(in), in.prefixedString("resource id"));
            case 6 -> {
                TransactionId tid = tid(in);
                String resource = in.prefixedString("resource id");
                int mode = in.u8("lock");
                if (mode >= LockMode.values().length) {
                    throw in.malformed("lock " + mode + " is neither read (0) nor write (1)");
                }
                yield new SetLock(tid, resource, LockMode.values()[mode]);
            }
            case 7 -> new Unlock(tid(in), in.prefixedString("resource id"));
            case 8 -> new Status();
            default -> throw in.malformed("kind " + kind + " is not an operation (1 invoke .. 8 status)");
        };
        in.end();
        return operation;
    }

    private static TransactionId tid(ByteReader in) {
        return new TransactionId(in.raw(TransactionId.LENGTH, "tid"));
    }
}
