package org.maftia.group.stream;

import java.nio.ByteBuffer;
import org.maftia.crypto.MalformedEncodingException;
import org.maftia.crypto.codec.ByteReader;
import org.maftia.crypto.codec.ByteWriter;

import org.maftia.group.core.MalformedMessageException;

/**
 * One item of a stream as the protocols carry it: a payload of party {@code origin}, numbered by
 * that party (an aggregated stream delivers each sender's payloads in that order; atomic
 * broadcast's d compares payloads by their bytes, as Protocol 7's "m ∉ d", so there two equal
 * payloads are one message), or the party's close (spec 3.2: a close is a stream message like any
 * other).
 */
public sealed interface StreamEntry {

    int DATA = 1;
    int CLOSE = 2;

    int origin();

    byte[] encode();

    /** Payload {@code seq} of party {@code origin}. */
    record Data(int origin, long seq, byte[] payload) implements StreamEntry {
        /** The bytes an encoded entry adds to its payload: kind, origin, number and the payload's length. */
        public static final int OVERHEAD_BYTES = 1 + 2 + 8 + 4;

        @Override
        public byte[] encode() {
            return new ByteWriter().u8(DATA).u16(origin).raw(ByteBuffer.allocate(8).putLong(seq).array()).prefixed(payload)
                    .toByteArray();
        }
    }

    /**
     * Party {@code origin}'s close; {@code proof} makes it count only as that party's where the
     * carrying protocol does not authenticate the origin (ABC relays other parties' items).
     */
    record Close(int origin, byte[] proof) implements StreamEntry {
        @Override
        public byte[] encode() {
            return new ByteWriter().u8(CLOSE).u16(origin).prefixed(proof).toByteArray();
        }
    }

    /** Decodes one entry of a group of {@code n}. @throws MalformedMessageException if it is not one */
    static StreamEntry decode(byte[] bytes, int n) throws MalformedMessageException {
        try {
            ByteReader r = new ByteReader(bytes, "stream entry");
            int kind = r.u8("kind");
            int origin = r.u16("origin");
            if (origin >= n) {
                throw r.malformed("origin P" + origin + " is not in a group of " + n);
            }
            StreamEntry entry = switch (kind) {
                case DATA -> new Data(origin, ByteBuffer.wrap(r.raw(8, "seq")).getLong(), r.prefixed("payload"));
                case CLOSE -> new Close(origin, r.prefixed("proof"));
                default -> throw r.malformed("unknown kind " + kind);
            };
            r.end();
            return entry;
        } catch (MalformedEncodingException e) {
            throw new MalformedMessageException(e.getMessage());
        }
    }
}
