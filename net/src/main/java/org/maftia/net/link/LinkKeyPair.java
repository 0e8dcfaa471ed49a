package org.maftia.net.link;

import java.security.SecureRandom;
import java.util.Arrays;
import org.bouncycastle.crypto.params.X25519PrivateKeyParameters;

/** A site's X25519 key pair, from which its pairwise link keys are derived; raw 32-byte keys. */
public record LinkKeyPair(byte[] privateKey, byte[] publicKey) {

    public LinkKeyPair {
        if (privateKey.length != 32 || publicKey.length != 32) {
            throw new IllegalArgumentException("X25519 keys are 32 bytes");
        }
        privateKey = privateKey.clone();
        publicKey = publicKey.clone();
    }

    public static LinkKeyPair generate(SecureRandom random) {
        return fromPrivate(new X25519PrivateKeyParameters(random).getEncoded());
    }

    public static LinkKeyPair fromPrivate(byte[] privateKey) {
        if (privateKey.length != 32) {
            throw new IllegalArgumentException("an X25519 private key has 32 bytes, not " + privateKey.length);
        }
        byte[] pub = new X25519PrivateKeyParameters(privateKey, 0).generatePublicKey().getEncoded();
        return new LinkKeyPair(privateKey, pub);
    }

    @Override
    public byte[] privateKey() {
        return privateKey.clone();
    }

    @Override
    public byte[] publicKey() {
        return publicKey.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LinkKeyPair k && Arrays.equals(k.publicKey, publicKey) && Arrays.equals(k.privateKey, privateKey);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(publicKey);
    }

    @Override
    public String toString() {
        return "LinkKeyPair[public " + java.util.HexFormat.of().formatHex(publicKey, 0, 8) + "...]";
    }
}
