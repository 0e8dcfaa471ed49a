package org.maftia.tx;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * A transaction identifier (spec 5.3.4.1, Protocol 14's tid): 32 bytes the transaction manager
 * group issues. Knowing it is what lets a client join the transaction (Protocol 15) or act in it,
 * so it is a capability: unguessable to whoever was not given it (see the manager's derivation).
 * Ordered by its bytes, so that tables keyed by it encode the same at every replica.
 */
public record TransactionId(byte[] bytes) implements Comparable<TransactionId> {

    public static final int LENGTH = 32;

    public TransactionId {
        if (bytes.length != LENGTH) {
            throw new IllegalArgumentException("a transaction id is " + LENGTH + " bytes, not " + bytes.length);
        }
        bytes = bytes.clone();
    }

    @Override
    public byte[] bytes() {
        return bytes.clone();
    }

    @Override
    public int compareTo(TransactionId other) {
        return Arrays.compareUnsigned(bytes, other.bytes);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TransactionId t && Arrays.equals(t.bytes, bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    /** The first eight bytes in hex: enough to tell transactions apart in a log or a refusal. */
    @Override
    public String toString() {
        return "tid " + HexFormat.of().formatHex(bytes, 0, 8);
    }
}
