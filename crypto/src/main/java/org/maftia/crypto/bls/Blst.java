package org.maftia.crypto.bls;

import java.math.BigInteger;
import java.security.SecureRandom;
import org.bouncycastle.util.BigIntegers;
import org.maftia.crypto.CryptoException;
import org.maftia.crypto.MalformedEncodingException;
import supranational.blst.BLST_ERROR;
import supranational.blst.P1;
import supranational.blst.P1_Affine;
import supranational.blst.P2;
import supranational.blst.P2_Affine;
import supranational.blst.SecretKey;

/**
 * BLS12-381 through jblst (Java bindings of supranational's blst; Apache-2.0). jblst unpacks the
 * native library it bundles (Linux amd64/aarch64, macOS, Windows amd64) to a temporary file and
 * loads it with {@code System.load} when its JNI class initialises. Where that fails every BLS
 * operation throws a {@link CryptoException} that says so, instead of a linkage error.
 *
 * <p>Careful with jblst objects: most of their methods (mult, add, hash_to, sign_with) change the
 * object they are called on and return it. Public keys here are held as affine points and only ever
 * read; every computation starts from a fresh object or a {@code dup()}.
 */
final class Blst {

    /**
     * The min-signature-size ciphersuite of the IETF BLS draft (draft-irtf-cfrg-bls-signature-05,
     * section 4.2.1, basic scheme): signatures in G1 (48 bytes), public keys in G2 (96 bytes),
     * hash_to_point = BLS12381G1_XMD:SHA-256_SSWU_RO_ of RFC 9380.
     */
    static final String DST = "BLS_SIG_BLS12381G1_XMD:SHA-256_SSWU_RO_NUL_";
    /** The prime order r of G1, G2 and GT. */
    static final BigInteger R = new BigInteger("73eda753299d7d483339d80809a1d80553bda402fffe5bfeffffffff00000001", 16);
    static final int G1_BYTES = 48;
    static final int G2_BYTES = 96;
    static final int SCALAR_BYTES = 32;

    private Blst() {
    }

    /** Initialised on first use: the outcome of loading the native library (null when it loaded). */
    private static final class Native {
        static final Throwable FAILURE = load();

        private static Throwable load() {
            try {
                P1.generator();
                return null;
            } catch (LinkageError | RuntimeException e) {
                return e;
            }
        }
    }

    /** Throws a clear CryptoException unless blst's native library is loaded. */
    static void require() {
        Throwable failure = Native.FAILURE;
        if (failure != null) {
            Throwable root = failure;
            while (root.getCause() != null) {
                root = root.getCause();
            }
            throw new CryptoException("BLS12-381 is unavailable: the blst native library bundled in tech.pegasys:jblst could not be "
                    + "loaded on " + System.getProperty("os.name") + "/" + System.getProperty("os.arch") + " (" + root + "). jblst "
                    + "ships natives for Linux amd64/aarch64, macOS and Windows amd64 and unpacks them into java.io.tmpdir, which "
                    + "must allow loading libraries", failure);
        }
    }

    /** True iff the native library loaded. */
    static boolean available() {
        return Native.FAILURE == null;
    }

    static P1 hashToG1(byte[] message) {
        return new P1().hash_to(message, DST);
    }

    static SecretKey secretKey(BigInteger x) {
        SecretKey sk = new SecretKey();
        sk.from_bendian(BigIntegers.asUnsignedByteArray(SCALAR_BYTES, x));
        return sk;
    }

    /** g2^x. */
    static P2_Affine g2Times(BigInteger x) {
        return new P2(secretKey(x)).to_affine();
    }

    static BigInteger randomScalar(SecureRandom random) {
        BigInteger r;
        do {
            r = new BigInteger(R.bitLength(), random);
        } while (r.signum() == 0 || r.compareTo(R) >= 0);
        return r;
    }

    static byte[] encodeScalar(BigInteger k) {
        return BigIntegers.asUnsignedByteArray(SCALAR_BYTES, k);
    }

    static BigInteger decodeScalar(byte[] bytes, String what) {
        if (bytes.length != SCALAR_BYTES) {
            throw new MalformedEncodingException(what + ": a scalar takes " + SCALAR_BYTES + " bytes, got " + bytes.length);
        }
        BigInteger k = new BigInteger(1, bytes);
        if (k.compareTo(R) >= 0) {
            throw new MalformedEncodingException(what + ": scalar is not below the group order r");
        }
        return k;
    }

    /**
     * A compressed G1 point, strictly: 48 bytes with the compression flag, a valid x, in the
     * prime-order subgroup (blst's deserialisation checks the curve, not the subgroup), not the
     * identity.
     */
    static P1_Affine decodeG1(byte[] bytes, String what) {
        checkCompressed(bytes, G1_BYTES, what);
        P1_Affine p;
        try {
            p = new P1_Affine(bytes);
        } catch (RuntimeException e) {
            throw new MalformedEncodingException(what + ": not a point of BLS12-381 G1 (" + e.getMessage() + ")");
        }
        if (p.is_inf()) {
            throw new MalformedEncodingException(what + ": the identity is not allowed");
        }
        if (!p.in_group()) {
            throw new MalformedEncodingException(what + ": on the curve but not in the prime-order subgroup G1");
        }
        return p;
    }

    /** A compressed G2 point, strictly (as {@link #decodeG1}). */
    static P2_Affine decodeG2(byte[] bytes, String what) {
        checkCompressed(bytes, G2_BYTES, what);
        P2_Affine p;
        try {
            p = new P2_Affine(bytes);
        } catch (RuntimeException e) {
            throw new MalformedEncodingException(what + ": not a point of BLS12-381 G2 (" + e.getMessage() + ")");
        }
        if (p.is_inf()) {
            throw new MalformedEncodingException(what + ": the identity is not allowed");
        }
        if (!p.in_group()) {
            throw new MalformedEncodingException(what + ": on the curve but not in the prime-order subgroup G2");
        }
        return p;
    }

    private static void checkCompressed(byte[] bytes, int length, String what) {
        if (bytes == null || bytes.length != length) {
            throw new MalformedEncodingException(what + ": a compressed point takes " + length + " bytes, got "
                    + (bytes == null ? "none" : bytes.length));
        }
        if ((bytes[0] & 0x80) == 0) {
            throw new MalformedEncodingException(what + ": the compression flag is not set");
        }
    }

    /** e(sig, g2) = e(H(message), pk): the basic scheme's CoreVerify. */
    static boolean coreVerify(P1_Affine signature, P2_Affine publicKey, byte[] message) {
        return signature.core_verify(publicKey, true, message, DST) == BLST_ERROR.BLST_SUCCESS;
    }
}
