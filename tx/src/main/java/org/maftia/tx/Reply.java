package org.maftia.tx;

import java.util.Arrays;
import org.maftia.crypto.MalformedEncodingException;
import org.maftia.crypto.codec.ByteReader;
import org.maftia.crypto.codec.ByteWriter;

/**
 * The answer of a transaction service operation: the spec's result (ok or notOk, with notOk split
 * in two: {@link Result#RETRY}, the request may succeed later, as a lock held by another
 * transaction or a registration under way; and {@link Result#NOT_OK}, it never will), a short
 * reason (why not, or the state reached), and the returned value (a tid for begin, the method's
 * return value for an invocation; empty otherwise). The answer is a decision of the replicated
 * service, the same at every honest replica; an operation that does not even decode is refused
 * instead.
 */
public record Reply(Result result, String reason, byte[] value) {

    /** ok; notOk for now (ask again later); notOk for good. */
    public enum Result { OK, RETRY, NOT_OK }

    public Reply {
        value = value.clone();
    }

    public static Reply ok(String reason) {
        return new Reply(Result.OK, reason, new byte[0]);
    }

    public static Reply ok(String reason, byte[] value) {
        return new Reply(Result.OK, reason, value);
    }

    public static Reply retry(String reason) {
        return new Reply(Result.RETRY, reason, new byte[0]);
    }

    public static Reply notOk(String reason) {
        return new Reply(Result.NOT_OK, reason, new byte[0]);
    }

    public boolean ok() {
        return result == Result.OK;
    }

    @Override
    public byte[] value() {
        return value.clone();
    }

    public byte[] encode() {
        return new ByteWriter().u8(result.ordinal()).prefixed(reason).prefixed(value).toByteArray();
    }

    public static Reply decode(byte[] bytes) {
        ByteReader in = new ByteReader(bytes, "transaction reply");
        int result = in.u8("result");
        if (result >= Result.values().length) {
            throw in.malformed("result " + result + " is none of ok, retry, notOk");
        }
        Reply reply = new Reply(Result.values()[result], in.prefixedString("reason"), in.prefixed("value"));
        in.end();
        return reply;
    }

    /**
     * Another group's answer to this group's call: a reply that does not decode (the other group
     * misconfigured, since t+1 of its replicas sent it alike) counts as notOk.
     */
    public static Reply answerFrom(String group, byte[] bytes) {
        try {
            return decode(bytes);
        } catch (MalformedEncodingException e) {
            return notOk("the " + group + "'s answer did not decode: " + e.getMessage());
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Reply r && r.result == result && r.reason.equals(reason) && Arrays.equals(r.value, value);
    }

    @Override
    public int hashCode() {
        return result.hashCode() * 31 + reason.hashCode();
    }

    @Override
    public String toString() {
        return switch (result) {
            case OK -> "ok";
            case RETRY -> "notOk, retry";
            case NOT_OK -> "notOk";
        } + " (" + reason + ")";
    }
}
