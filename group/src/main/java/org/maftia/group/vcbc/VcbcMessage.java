package org.maftia.group.vcbc;

import static org.maftia.group.core.MessageTypes.VCBC_ANSWER;
import static org.maftia.group.core.MessageTypes.VCBC_FETCH;
import static org.maftia.group.core.MessageTypes.VCBC_FETCHED;
import static org.maftia.group.core.MessageTypes.VCBC_FINAL;
import static org.maftia.group.core.MessageTypes.VCBC_READY;
import static org.maftia.group.core.MessageTypes.VCBC_REQUEST;
import static org.maftia.group.core.MessageTypes.VCBC_SEND;

import java.nio.ByteBuffer;
import java.util.Arrays;
import org.maftia.group.core.Digest;
import org.maftia.group.core.MalformedMessageException;
import org.maftia.group.core.WireLimits;
import org.maftia.group.core.WireMessage;

/**
 * The messages of Protocol 6, each with its strict decoder. A share or a signature is opaque here
 * (the threshold scheme decodes it when it verifies); only its length is bounded, by
 * {@link WireLimits} for the group's n.
 *
 * <p>Wire formats: send = m; ready = H(m) (32 bytes) || share; final = H(m) || µ; request = empty;
 * answer = the closing, |m| (4 bytes, big-endian) || m || µ. Fetch on demand (not in Protocol 6):
 * fetch = d (32 bytes); fetched = m. A final's body is also the <em>compact closing</em> (H(m), µ).
 */
sealed interface VcbcMessage extends WireMessage {

    record Send(byte[] m) implements VcbcMessage {
        public int type() {
            return VCBC_SEND;
        }

        public byte[] body() {
            return m;
        }
    }

    /** A ready carries the sender's share of S on (j, ready, d); its holder is the party that sent it. */
    record Ready(Digest d, byte[] share) implements VcbcMessage {
        public int type() {
            return VCBC_READY;
        }

        public byte[] body() {
            return concat(d.bytes(), share);
        }
    }

    record Final(Digest d, byte[] signature) implements VcbcMessage {
        public int type() {
            return VCBC_FINAL;
        }

        public byte[] body() {
            return concat(d.bytes(), signature);
        }
    }

    record Request() implements VcbcMessage {
        public int type() {
            return VCBC_REQUEST;
        }

        public byte[] body() {
            return new byte[0];
        }
    }

    /** Asks for the payload whose digest is d, known from a compact closing (as Protocol 5, line 21). */
    record Fetch(Digest d) implements VcbcMessage {
        public int type() {
            return VCBC_FETCH;
        }

        public byte[] body() {
            return d.bytes();
        }
    }

    /** The answer to a fetch: a payload, which the asker checks against the digest (as Protocol 5, line 22). */
    record Fetched(byte[] m) implements VcbcMessage {
        public int type() {
            return VCBC_FETCHED;
        }

        public byte[] body() {
            return m;
        }
    }

    /** (answer, m, µ): its body is exactly a closing. */
    record Answer(byte[] m, byte[] signature) implements VcbcMessage {
        public int type() {
            return VCBC_ANSWER;
        }

        public byte[] body() {
            return ByteBuffer.allocate(4 + m.length + signature.length).putInt(m.length).put(m).put(signature).array();
        }
    }

    /** Decodes a message of a group of {@code n} whose payloads are at most {@code maxPayload} bytes. */
    static VcbcMessage decode(int type, byte[] body, int maxPayload, int n) throws MalformedMessageException {
        return switch (type) {
            case VCBC_SEND -> {
                if (body.length > maxPayload) {
                    throw new MalformedMessageException("VCBC payload of " + body.length + " bytes, limit " + maxPayload);
                }
                yield new Send(body);
            }
            case VCBC_READY -> new Ready(digestPrefix(body, "ready"), tail(body, WireLimits.SHARE_BYTES, "share"));
            case VCBC_FINAL -> decodeCompactClosing(body, n);
            case VCBC_REQUEST -> {
                if (body.length != 0) {
                    throw new MalformedMessageException("VCBC request with a body of " + body.length + " bytes");
                }
                yield new Request();
            }
            case VCBC_ANSWER -> decodeClosing(body, 0, body.length, maxPayload, WireLimits.signatureBytes(n));
            case VCBC_FETCH -> {
                if (body.length != Digest.LENGTH) {
                    throw new MalformedMessageException("VCBC fetch of " + body.length + " bytes, not a digest");
                }
                yield new Fetch(new Digest(body));
            }
            case VCBC_FETCHED -> {
                if (body.length > maxPayload) {
                    throw new MalformedMessageException("VCBC fetched payload of " + body.length + " bytes, limit " + maxPayload);
                }
                yield new Fetched(body);
            }
            default -> throw new MalformedMessageException("type 0x" + Integer.toHexString(type) + " is not a VCBC message");
        };
    }

    /** Decodes a compact closing (a final's body, H(m) || µ) of a group of {@code n}. */
    static Final decodeCompactClosing(byte[] v, int n) throws MalformedMessageException {
        return new Final(digestPrefix(v, "compact closing"), tail(v, WireLimits.signatureBytes(n), "signature"));
    }

    /** Decodes a closing (an answer's body) sitting in {@code v[offset, offset+length)}. */
    static Answer decodeClosing(byte[] v, int offset, int length, int maxPayload, int maxSignature)
            throws MalformedMessageException {
        if (offset < 0 || length < 0 || offset > v.length - length) {
            throw new MalformedMessageException("closing range [" + offset + ", +" + length + ") outside " + v.length + " bytes");
        }
        if (length < 4) {
            throw new MalformedMessageException("VCBC closing of " + length + " bytes, shorter than its length field");
        }
        int mLength = ByteBuffer.wrap(v, offset, 4).getInt();
        if (mLength < 0 || mLength > maxPayload) {
            throw new MalformedMessageException("VCBC closing with a payload of " + mLength + " bytes, limit " + maxPayload);
        }
        int sigLength = length - 4 - mLength;
        if (sigLength < 1 || sigLength > maxSignature) {
            throw new MalformedMessageException("VCBC closing with a signature of " + sigLength + " bytes");
        }
        int from = offset + 4;
        return new Answer(Arrays.copyOfRange(v, from, from + mLength),
                Arrays.copyOfRange(v, from + mLength, offset + length));
    }

    private static Digest digestPrefix(byte[] body, String what) throws MalformedMessageException {
        if (body.length <= Digest.LENGTH) {
            throw new MalformedMessageException("VCBC " + what + " of " + body.length + " bytes, too short for a digest and more");
        }
        return new Digest(Arrays.copyOf(body, Digest.LENGTH));
    }

    private static byte[] tail(byte[] body, int limit, String what) throws MalformedMessageException {
        int length = body.length - Digest.LENGTH;
        if (length > limit) {
            throw new MalformedMessageException("VCBC " + what + " of " + length + " bytes, limit " + limit);
        }
        return Arrays.copyOfRange(body, Digest.LENGTH, body.length);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
