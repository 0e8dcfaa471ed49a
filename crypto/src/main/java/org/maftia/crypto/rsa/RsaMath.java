package org.maftia.crypto.rsa;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import org.maftia.crypto.CryptoException;

/** Number theory and hashing shared by the Shoup key, signer and proofs. Stateless. */
final class RsaMath {

    private RsaMath() {
    }

    /**
     * The Jacobi symbol (a | n) for odd n > 0, by quadratic reciprocity (the binary algorithm of
     * Cohen, "A Course in Computational Algebraic Number Theory", Algorithm 1.4.10). Shoup's
     * Protocol 2 (section 5 of the paper, for k > t+1) uses it to map H(M) into the subgroup of
     * Jacobi symbol 1.
     */
    static int jacobi(BigInteger a, BigInteger n) {
        if (n.signum() <= 0 || !n.testBit(0)) {
            throw new IllegalArgumentException("Jacobi symbol needs an odd positive modulus");
        }
        a = a.mod(n);
        int result = 1;
        while (a.signum() != 0) {
            int twos = a.getLowestSetBit();
            a = a.shiftRight(twos);
            // (2 | n) = -1 iff n = 3 or 5 mod 8
            int nMod8 = n.intValue() & 7;
            if ((twos & 1) == 1 && (nMod8 == 3 || nMod8 == 5)) {
                result = -result;
            }
            // reciprocity: flip when both are 3 mod 4
            if ((a.intValue() & 3) == 3 && (n.intValue() & 3) == 3) {
                result = -result;
            }
            BigInteger r = n.mod(a);
            n = a;
            a = r;
        }
        return n.equals(BigInteger.ONE) ? result : 0;
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new CryptoException("SHA-256 is missing from this JDK", e);
        }
    }

    static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    /**
     * SHA-256 in counter mode: {@code SHA-256(seed || 0) || SHA-256(seed || 1) || ...} (4-byte
     * big-endian counters), cut to {@code length} bytes.
     */
    static byte[] expand(byte[] seed, int length) {
        byte[] out = new byte[length];
        MessageDigest sha = sha256();
        for (int block = 0, offset = 0; offset < length; block++, offset += 32) {
            sha.update(seed);
            sha.update(new byte[] {(byte) (block >>> 24), (byte) (block >>> 16), (byte) (block >>> 8), (byte) block});
            byte[] digest = sha.digest();
            System.arraycopy(digest, 0, out, offset, Math.min(32, length - offset));
        }
        return out;
    }
}
