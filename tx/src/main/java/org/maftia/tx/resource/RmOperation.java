package org.maftia.tx.resource;

import java.util.ArrayList;
import java.util.List;
import org.maftia.tx.TransactionId;
import org.maftia.crypto.codec.ByteReader;
import org.maftia.crypto.codec.ByteWriter;

/**
 * The operations a resource manager group executes (spec 5.3.4): a client's invocation
 * (Protocol 16's rm-invoke) and the transaction manager's prepare (19), commit and abort (21).
 * A one-byte kind, the tid (32 bytes), then for an invocation the resource id, the method and
 * its arguments as text.
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

    /** Protocol 19: rm-prepare, from the transaction manager group. */
    record Prepare(TransactionId tid) implements RmOperation {
    }

    /** Protocol 21 lines 8-14: rm-commit, from the transaction manager group. */
    record Commit(TransactionId tid) implements RmOperation {
    }

    /** Protocol 21 lines 1-7: rm-abort, from the transaction manager group. */
    record Abort(TransactionId tid) implements RmOperation {
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
            default -> throw in.malformed("kind " + kind + " is not an operation (1 invoke .. 4 abort)");
        };
        in.end();
        return operation;
    }

    private static TransactionId tid(ByteReader in) {
        return new TransactionId(in.raw(TransactionId.LENGTH, "tid"));
    }
}
