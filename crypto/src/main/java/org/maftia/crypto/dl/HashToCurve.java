package org.maftia.crypto.dl;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import org.bouncycastle.math.ec.ECFieldElement;
import org.bouncycastle.math.ec.ECPoint;
import org.maftia.crypto.CryptoException;

/**
 * Hashing to P-256 as RFC 9380 defines the suite {@code P256_XMD:SHA-256_SSWU_RO_}: {@code
 * expand_message_xmd} with SHA-256 (section 5.3.1), {@code hash_to_field} with L = 48 and count 2
 * (section 5.2), the simplified SWU map with Z = -10 (section 6.6.2, suite parameters in 8.2), the
 * two mapped points added (cofactor 1, so no clearing). As a random oracle onto the group its
 * outputs have discrete logarithms nobody knows, which is what the coin's g~ = H(C) and TDH2's
 * second generator need. Checked against the RFC's test vectors (appendix J.1.1).
 *
 * <p>Each use names its own domain separation tag (RFC 9380 section 3.1), so a point hashed for one
 * purpose is unrelated to one hashed for another.
 */
public final class HashToCurve {

    /** The RFC 9380 suite identifier, to end every tag with (section 3.1 recommends it). */
    public static final String SUITE = "P256_XMD:SHA-256_SSWU_RO_";

    private static final int L = 48;
    private static final int SHA256_BYTES = 32;
    private static final int SHA256_BLOCK = 64;
    private static final ECFieldElement A = P256.CURVE.getA();
    private static final ECFieldElement B = P256.CURVE.getB();
    private static final ECFieldElement Z = P256.CURVE.fromBigInteger(P256.FIELD_PRIME.subtract(BigInteger.TEN));

    private HashToCurve() {
    }

    /** hash_to_curve(msg) of the RO suite under the tag {@code dst}. */
    public static ECPoint hash(byte[] msg, byte[] dst) {
        BigInteger[] u = hashToField(msg, dst, 2);
        ECPoint q0 = mapToCurve(u[0]);
        ECPoint q1 = mapToCurve(u[1]);
        ECPoint p = q0.add(q1).normalize();
        if (p.isInfinity()) {
            // Probability about 2^-256: would mean we found a collision of the map.
            throw new CryptoException("hash to P-256 gave the point at infinity");
        }
        return p;
    }

    public static ECPoint hash(byte[] msg, String dst) {
        return hash(msg, dst.getBytes(StandardCharsets.US_ASCII));
    }

    /** RFC 9380 section 5.2, m = 1. */
    static BigInteger[] hashToField(byte[] msg, byte[] dst, int count) {
        byte[] uniform = expandMessageXmd(msg, dst, count * L);
        BigInteger[] u = new BigInteger[count];
        for (int i = 0; i < count; i++) {
            u[i] = new BigInteger(1, Arrays.copyOfRange(uniform, i * L, (i + 1) * L)).mod(P256.FIELD_PRIME);
        }
        return u;
    }

    /** RFC 9380 section 6.6.2 (the straight-line description; inputs here are public, so no constant time). */
    static ECPoint mapToCurve(BigInteger uValue) {
        ECFieldElement u = P256.CURVE.fromBigInteger(uValue);
        ECFieldElement zu2 = Z.multiply(u.square());
        ECFieldElement tv1 = zu2.square().add(zu2);
        ECFieldElement x1;
        if (tv1.isZero()) {
            x1 = B.divide(Z.multiply(A));
        } else {
            x1 = B.negate().divide(A).multiply(P256.CURVE.fromBigInteger(BigInteger.ONE).add(tv1.invert()));
        }
        ECFieldElement x = x1;
        ECFieldElement y = curveRhs(x1).sqrt();
        if (y == null) {
            x = zu2.multiply(x1);
            y = curveRhs(x).sqrt();
            if (y == null) {
                // Cannot happen: for a non-square gx1, gx2 = Z^3 u^6 gx1 is a square since Z is not.
                throw new CryptoException("simplified SWU found no square root; curve constants are wrong");
            }
        }
        if (sgn0(u) != sgn0(y)) {
            y = y.negate();
        }
        return P256.CURVE.createPoint(x.toBigInteger(), y.toBigInteger());
    }

    private static ECFieldElement curveRhs(ECFieldElement x) {
        return x.square().add(A).multiply(x).add(B);
    }

    private static boolean sgn0(ECFieldElement e) {
        return e.toBigInteger().testBit(0);
    }

    /** expand_message_xmd with SHA-256, RFC 9380 section 5.3.1. */
    public static byte[] expandMessageXmd(byte[] msg, byte[] dst, int lenInBytes) {
        int ell = (lenInBytes + SHA256_BYTES - 1) / SHA256_BYTES;
        if (ell > 255 || lenInBytes > 65535 || lenInBytes <= 0) {
            throw new IllegalArgumentException("expand_message_xmd cannot produce " + lenInBytes + " bytes");
        }
        if (dst.length > 255) {
            throw new IllegalArgumentException("domain separation tag longer than 255 bytes");
        }
        MessageDigest sha = sha256();
        byte[] dstPrime = Arrays.copyOf(dst, dst.length + 1);
        dstPrime[dst.length] = (byte) dst.length;
        sha.update(new byte[SHA256_BLOCK]);
        sha.update(msg);
        sha.update((byte) (lenInBytes >>> 8));
        sha.update((byte) lenInBytes);
        sha.update((byte) 0);
        sha.update(dstPrime);
        byte[] b0 = sha.digest();
        byte[] out = new byte[ell * SHA256_BYTES];
        byte[] previous = new byte[SHA256_BYTES];
        for (int i = 1; i <= ell; i++) {
            byte[] mixed = new byte[SHA256_BYTES];
            for (int j = 0; j < SHA256_BYTES; j++) {
                mixed[j] = (byte) (b0[j] ^ (i == 1 ? 0 : previous[j]));
            }
            sha.update(mixed);
            sha.update((byte) i);
            sha.update(dstPrime);
            previous = sha.digest();
            System.arraycopy(previous, 0, out, (i - 1) * SHA256_BYTES, SHA256_BYTES);
        }
        return Arrays.copyOf(out, lenInBytes);
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new CryptoException("the JDK has no SHA-256", e);
        }
    }
}
