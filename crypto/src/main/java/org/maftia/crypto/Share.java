package org.maftia.crypto;

import java.util.Arrays;

/**
 * One holder's share of a threshold operation (a signature share, a coin share, a decryption
 * share): the holder's index and the scheme's encoding of the share with its proof. Schemes decode
 * the bytes strictly when they verify or combine it.
 */
public record Share(int index, byte[] encoded) {

    public Share {
        if (index < 0) {
            throw new IllegalArgumentException("share index must not be negative: " + index);
        }
        encoded = encoded.clone();
    }

    @Override
    public byte[] encoded() {
        return encoded.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Share s && s.index == index && Arrays.equals(s.encoded, encoded);
    }

    @Override
    public int hashCode() {
        return 31 * index + Arrays.hashCode(encoded);
    }

    @Override
    public String toString() {
        return "Share[" + index + ", " + encoded.length + " bytes]";
    }
}
