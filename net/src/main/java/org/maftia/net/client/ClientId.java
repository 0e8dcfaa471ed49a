package org.maftia.net.client;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * A client of an open group, named by its X25519 link public key (spec 5.3.3: a client is not a
 * member; the key it proved in the handshake is its identity).
 */
public record ClientId(byte[] publicKey) {

    public ClientId {
        if (publicKey.length != 32) {
            throw new IllegalArgumentException("a client id is a 32-byte X25519 public key, not " + publicKey.length + " bytes");
        }
        publicKey = publicKey.clone();
    }

    @Override
    public byte[] publicKey() {
        return publicKey.clone();
    }

    /** The first eight bytes in hex: enough to tell clients apart in a log. */
    public String shortHex() {
        return HexFormat.of().formatHex(publicKey, 0, 8);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ClientId c && Arrays.equals(c.publicKey, publicKey);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(publicKey);
    }

    @Override
    public String toString() {
        return "client " + shortHex();
    }
}
