package org.maftia.crypto.bls;

import java.math.BigInteger;
import org.maftia.crypto.MalformedEncodingException;
import supranational.blst.P1_Affine;
import supranational.blst.P2_Affine;

/**
 * Plain (non-threshold) BLS signatures of the min-signature-size basic ciphersuite {@value
 * Blst#DST} (IETF draft-irtf-cfrg-bls-signature, section 4.2.1): SkToPk, Sign and Verify. A
 * combined threshold signature is exactly such a signature under the group's public key, so any
 * implementation of the ciphersuite (drand's "bls-unchained-g1-rfc9380" uses it) can check it.
 */
public final class Bls {

    public static final String CIPHERSUITE = Blst.DST;
    public static final int SIGNATURE_BYTES = Blst.G1_BYTES;
    public static final int PUBLIC_KEY_BYTES = Blst.G2_BYTES;

    private Bls() {
    }

    /** The 96-byte compressed public key g2^sk. */
    public static byte[] publicKey(BigInteger secretKey) {
        Blst.require();
        checkSecret(secretKey);
        return Blst.g2Times(secretKey).compress();
    }

    /** The 48-byte signature H(message)^sk. */
    public static byte[] sign(BigInteger secretKey, byte[] message) {
        Blst.require();
        checkSecret(secretKey);
        return Blst.hashToG1(message).sign_with(Blst.secretKey(secretKey)).compress();
    }

    /** True iff {@code signature} is valid for {@code message} under {@code publicKey}; false for anything malformed. */
    public static boolean verify(byte[] publicKey, byte[] message, byte[] signature) {
        Blst.require();
        try {
            P2_Affine pk = Blst.decodeG2(publicKey, "BLS public key");
            P1_Affine sig = Blst.decodeG1(signature, "BLS signature");
            return Blst.coreVerify(sig, pk, message);
        } catch (MalformedEncodingException e) {
            return false;
        }
    }

    private static void checkSecret(BigInteger secretKey) {
        if (secretKey.signum() <= 0 || secretKey.compareTo(Blst.R) >= 0) {
            throw new IllegalArgumentException("a BLS secret key is in [1, r)");
        }
    }
}
