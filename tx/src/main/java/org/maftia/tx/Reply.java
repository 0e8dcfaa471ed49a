package org.maftia.tx;

import org.maftia.crypto.codec.ByteReader;
import org.maftia.crypto.codec.ByteWriter;

/**
 * The answer of a transaction service operation: the spec's result (ok or notOk), a short reason
 * (why notOk, or the state reached), and the returned value (a tid for begin, the method's return
 * value for an invocation; empty otherwise). A notOk is a decision of the replicated service, the
 * same at every honest replica; an operation that does not even decode is refused instead.
 */
public record Reply(boolean ok, String reason, byte[] value) {

    public Reply {
        value = value.clone();
    }

    public static Reply ok(String reason) {
        return new Reply(true, reason, new byte[0]);
    }

    public static Reply ok(String reason, byte[] value) {
        return new Reply(true, reason, value);
    }

    public static Reply notOk(String reason) {
        return new Reply(false, reason, new byte[0]);
    }

    @Override
    public byte[] value() {
        return value.clone();
    }

    public byte[] encode() {
        return new ByteWriter().bool(ok).prefixed(reason).prefixed(value).toByteArray();
    }

    public static Reply decode(byte[] bytes) {
        ByteReader in = new ByteReader(bytes, "transaction reply");
        Reply reply = new Reply(in.bool("result"), in.prefixedString("reason"), in.prefixed("value"));
        in.end();
        return reply;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Reply r && r.ok == ok && r.reason.equals(reason) && java.util.Arrays.equals(r.value, value);
    }

    @Override
    public int hashCode() {
        return Boolean.hashCode(ok) * 31 + reason.hashCode();
    }

    @Override
    public String toString() {
        return (ok ? "ok" : "notOk") + " (" + reason + ")";
    }
}
