package org.maftia.crypto.rsa;

import java.math.BigInteger;
import java.security.MessageDigest;
import java.security.SecureRandom;
import org.maftia.crypto.codec.ByteWriter;

/**
 * The proof that a signature share is correct (Shoup, section 3, "proof of correctness"): a
 * Fiat-Shamir proof that {@code log_v v_i = log_xtilde x_i^2} where {@code xtilde = xhat^(4 Delta)},
 * in the group of squares of Z_N* whose order m is unknown to the prover's audience.
 *
 * <ul>
 *   <li>prove: r uniform in [0, 2^(L(N) + 2 L1)), {@code v' = v^r}, {@code x' = xtilde^r},
 *       {@code c = H'(v, xtilde, v_i, x_i^2, v', x')}, {@code z = s_i c + r} (over the integers);</li>
 *   <li>verify: {@code c == H'(v, xtilde, v_i, x_i^2, v^z v_i^-c, xtilde^z x_i^-2c)}.</li>
 * </ul>
 * L1 = 128: H' is SHA-256 over a domain label and the six values (each |N| bytes, big-endian),
 * cut to its first 16 bytes. The range of r (2 L1 bits more than N) makes z statistically hide
 * s_i c, as the paper's zero-knowledge argument needs.
 */
final class ShareProof {

    static final int L1 = 128;
    static final int CHALLENGE_BYTES = L1 / 8;
    private static final byte[] DOMAIN = RsaMath.ascii("maftia/shoup-rsa/share-proof/v1");

    private ShareProof() {
    }

    /** Bits of the response z: s_i c + r < m 2^L1 + 2^(L(N)+2 L1) < 2^(L(N)+2 L1+1). */
    static int responseBits(int modulusBits) {
        return modulusBits + 2 * L1 + 1;
    }

    /** Returns {c, z}. Three exponentiations: x_i was one, here v^r and xtilde^r. */
    static BigInteger[] prove(ShoupPublicKey key, int index, BigInteger secretShare, BigInteger xTilde, BigInteger xiSquared,
            SecureRandom random) {
        BigInteger n = key.modulus();
        BigInteger r = new BigInteger(key.modulusBits() + 2 * L1, random);
        BigInteger vPrime = key.v().modPow(r, n);
        BigInteger xPrime = xTilde.modPow(r, n);
        BigInteger c = challenge(key, index, xTilde, xiSquared, vPrime, xPrime);
        BigInteger z = secretShare.multiply(c).add(r);
        return new BigInteger[] {c, z};
    }

    /**
     * Checks a decoded share's proof. Two full-size exponentiations (v^z, xtilde^z) and two with
     * 128-bit exponents; v_i^-1 is precomputed with the key.
     */
    static boolean verify(ShoupPublicKey key, int index, BigInteger xTilde, ShoupShare share) {
        BigInteger n = key.modulus();
        BigInteger xiSquared = share.xi().multiply(share.xi()).mod(n);
        BigInteger xiSquaredInverse;
        try {
            xiSquaredInverse = xiSquared.modInverse(n);
        } catch (ArithmeticException notAUnit) {
            return false;
        }
        BigInteger vPrime = key.v().modPow(share.z(), n)
                .multiply(key.verificationKeyInverse(index).modPow(share.c(), n)).mod(n);
        BigInteger xPrime = xTilde.modPow(share.z(), n)
                .multiply(xiSquaredInverse.modPow(share.c(), n)).mod(n);
        BigInteger expected = challenge(key, index, xTilde, xiSquared, vPrime, xPrime);
        return MessageDigest.isEqual(
                ByteWriter.fixed(expected, CHALLENGE_BYTES), ByteWriter.fixed(share.c(), CHALLENGE_BYTES));
    }

    private static BigInteger challenge(ShoupPublicKey key, int index, BigInteger xTilde, BigInteger xiSquared,
            BigInteger vPrime, BigInteger xPrime) {
        int len = key.modulusBytes();
        MessageDigest sha = RsaMath.sha256();
        sha.update(DOMAIN);
        sha.update(ByteWriter.fixed(key.v(), len));
        sha.update(ByteWriter.fixed(xTilde, len));
        sha.update(ByteWriter.fixed(key.verificationKey(index), len));
        sha.update(ByteWriter.fixed(xiSquared, len));
        sha.update(ByteWriter.fixed(vPrime, len));
        sha.update(ByteWriter.fixed(xPrime, len));
        byte[] digest = sha.digest();
        return new BigInteger(1, digest, 0, CHALLENGE_BYTES);
    }
}
