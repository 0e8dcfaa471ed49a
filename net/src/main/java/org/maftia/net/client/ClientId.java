package org.maftia.net.client;

import java.util.Arrays;
import java.util.HexFormat;

/** A client of an open group, named by its X25519 link public key (32 bytes). */
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
        return "client-" + HexFormat.of().formatHex(publicKey, 0, 6);
    }
}
