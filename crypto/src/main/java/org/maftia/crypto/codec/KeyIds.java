package org.maftia.crypto.codec;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import org.maftia.crypto.CryptoException;

/**
 * Short identifiers of public keys, carried in shares and ciphertexts so that one made for another
 * key (or another scheme) is named as such instead of failing as a bad proof. Eight bytes of
 * SHA-256: enough to tell keys apart, not a security mechanism (the proofs are).
 */
public final class KeyIds {

    public static final int BYTES = 8;

    private KeyIds() {
    }

    public static byte[] of(String purpose, byte[] publicEncoding) {
        MessageDigest sha = sha256();
        sha.update("MAFTIA-V1-KEYID".getBytes(StandardCharsets.US_ASCII));
        sha.update(new ByteWriter().prefixed(purpose).prefixed(publicEncoding).toByteArray());
        return Arrays.copyOf(sha.digest(), BYTES);
    }

    public static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new CryptoException("the JDK has no SHA-256", e);
        }
    }

    public static String hex(byte[] id) {
        return java.util.HexFormat.of().formatHex(id);
    }
}
