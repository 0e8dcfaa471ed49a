package org.maftia.bench.net;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * The messages the benchmark sends: {@code size} bytes, an 8-byte big-endian sequence number
 * followed by {@code size - 8} fixed random bytes. The receiving side checks every message's
 * length and sequence number (so a lost, duplicated or reordered message fails the run) and,
 * every {@value #FULL_CHECK_EVERY}th message, all of its bytes.
 */
final class Payload {

    static final int SEQ_BYTES = Long.BYTES;
    static final int FULL_CHECK_EVERY = 256;

    final int size;
    /** The bytes after the sequence number. */
    final byte[] body;
    private long expected;

    Payload(int size) {
        if (size < SEQ_BYTES) {
            throw new IllegalArgumentException("payload of " + size + " bytes cannot hold a sequence number");
        }
        this.size = size;
        this.body = new byte[size - SEQ_BYTES];
        new SplittableRandom(size).nextBytes(body);
    }

    /** Whether the receiver also compares every byte of message {@code seq}. */
    static boolean fullCheck(long seq) {
        return seq % FULL_CHECK_EVERY == 0;
    }

    /**
     * Receiving thread: checks the next message, given its length and sequence number; returns an
     * error message, or null if it is the one expected.
     */
    String check(int length, long seq) {
        if (length != size) {
            return "message " + expected + " has " + length + " bytes, expected " + size;
        }
        if (seq != expected) {
            return "received message " + seq + " where " + expected + " was expected (lost, duplicated or reordered)";
        }
        expected++;
        return null;
    }

    /** Whether {@code data[from .. from + body.length)} is the body. */
    boolean bodyEquals(byte[] data, int from) {
        return from + body.length <= data.length && Arrays.equals(data, from, from + body.length, body, 0, body.length);
    }

    long checked() {
        return expected;
    }
}
