package org.maftia.group.core;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;

/** A SHA-256 digest as a map key: the collision-free hash H of Protocols 5 and 6. */
public record Digest(byte[] bytes) {

    public static final int LENGTH = 32;
    /** The hash function's name for {@link MessageDigest#getInstance(String)}. */
    public static final String ALGORITHM = "SHA-256";

    public Digest {
        if (bytes.length != LENGTH) {
            throw new IllegalArgumentException("a digest has " + LENGTH + " bytes, not " + bytes.length);
        }
        bytes = bytes.clone();
    }

    public static Digest of(byte[] data) {
        try {
            return new Digest(MessageDigest.getInstance(ALGORITHM).digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JDK", e);
        }
    }

    @Override
    public byte[] bytes() {
        return bytes.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Digest d && Arrays.equals(d.bytes, bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return HexFormat.of().formatHex(bytes, 0, 6);
    }
}
