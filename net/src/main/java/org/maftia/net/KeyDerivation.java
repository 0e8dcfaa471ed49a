package org.maftia.net;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.generators.HKDFBytesGenerator;
import org.bouncycastle.crypto.params.HKDFParameters;

/**
 * SHA-256 and HKDF-SHA256 (RFC 5869), as the network derives its keys: the links' pairwise keys
 * and the client transport's handshake both use them.
 */
public final class KeyDerivation {

    private KeyDerivation() {
    }

    /** HKDF-SHA256, extract and expand. */
    public static byte[] hkdf(byte[] ikm, byte[] salt, byte[] info, int length) {
        HKDFBytesGenerator g = new HKDFBytesGenerator(new SHA256Digest());
        g.init(new HKDFParameters(ikm, salt, info));
        return generate(g, length);
    }

    /** HKDF-SHA256's expand step only, from a key that is already pseudorandom. */
    public static byte[] hkdfExpand(byte[] prk, byte[] info, int length) {
        HKDFBytesGenerator g = new HKDFBytesGenerator(new SHA256Digest());
        g.init(HKDFParameters.skipExtractParameters(prk, info));
        return generate(g, length);
    }

    /** SHA-256 of the parts, concatenated. */
    public static byte[] sha256(byte[]... parts) {
        try {
            MessageDigest d = MessageDigest.getInstance("SHA-256");
            for (byte[] p : parts) {
                d.update(p);
            }
            return d.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JDK", e);
        }
    }

    private static byte[] generate(HKDFBytesGenerator g, int length) {
        byte[] out = new byte[length];
        g.generateBytes(out, 0, length);
        return out;
    }
}
