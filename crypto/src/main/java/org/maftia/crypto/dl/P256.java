package org.maftia.crypto.dl;

import java.math.BigInteger;
import java.security.SecureRandom;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.math.ec.ECAlgorithms;
import org.bouncycastle.math.ec.ECCurve;
import org.bouncycastle.math.ec.ECMultiplier;
import org.bouncycastle.math.ec.ECPoint;
import org.bouncycastle.math.ec.FixedPointCombMultiplier;
import org.bouncycastle.util.BigIntegers;
import org.maftia.crypto.CryptoException;
import org.maftia.crypto.MalformedEncodingException;

/**
 * The prime-order group of the discrete-log schemes: NIST P-256 (secp256r1) on BouncyCastle's
 * custom field arithmetic. P-256 has cofactor 1, so every point on the curve other than infinity
 * generates the whole group and decoding needs no subgroup check; the reference figures show its
 * point decoding (~13 us) far cheaper than Curve25519's (~240 us).
 *
 * <p>Points travel compressed (33 bytes), scalars as 32 big-endian bytes below the group order
 * {@code q}. Decoding is strict: wrong length, a prefix other than 2 or 3, an x not below the
 * field prime, an x with no point on the curve, and the point at infinity are all rejected.
 *
 * <p>Multiplications by long-lived points (the generator, a key's verification keys, TDH2's second
 * generator) use the fixed-base comb, whose table BouncyCastle caches on the point instance (under
 * a lock, so this is thread-safe): keep those points in one instance for the life of a key.
 * Everything here is stateless otherwise.
 */
public final class P256 {

    public static final int POINT_BYTES = 33;
    public static final int SCALAR_BYTES = 32;

    private static final X9ECParameters PARAMETERS = CustomNamedCurves.getByName("secp256r1");
    static final ECCurve CURVE = PARAMETERS.getCurve();
    /** The prime order q of the group. */
    public static final BigInteger ORDER = PARAMETERS.getN();
    /** The field prime p. */
    static final BigInteger FIELD_PRIME = CURVE.getField().getCharacteristic();
    private static final ECPoint GENERATOR = PARAMETERS.getG().normalize();
    private static final ECMultiplier COMB = new FixedPointCombMultiplier();

    private P256() {
    }

    /** The standard base point g. */
    public static ECPoint generator() {
        return GENERATOR;
    }

    public static ECPoint infinity() {
        return CURVE.getInfinity();
    }

    /** g^k with the fixed-base comb. */
    public static ECPoint mulG(BigInteger k) {
        return mulFixed(GENERATOR, k);
    }

    /**
     * base^k with the fixed-base comb, for a base that is used many times (its precomputed table is
     * cached on that instance; the first call pays for it).
     */
    public static ECPoint mulFixed(ECPoint base, BigInteger k) {
        return COMB.multiply(base, k.mod(ORDER));
    }

    /** base^k for a base used once or a few times (windowed NAF). */
    public static ECPoint mul(ECPoint base, BigInteger k) {
        return base.multiply(k.mod(ORDER));
    }

    /** The product of points[i]^scalars[i] (BouncyCastle's interleaved wNAF multi-exponentiation). */
    public static ECPoint sumOfMultiplies(ECPoint[] points, BigInteger[] scalars) {
        if (points.length == 0) {
            return infinity();
        }
        if (points.length == 1) {
            return mul(points[0], scalars[0]);
        }
        return ECAlgorithms.sumOfMultiplies(points, scalars);
    }

    /** Uniform in [1, q). */
    public static BigInteger randomScalar(SecureRandom random) {
        BigInteger r;
        do {
            r = new BigInteger(ORDER.bitLength(), random);
        } while (r.signum() == 0 || r.compareTo(ORDER) >= 0);
        return r;
    }

    /** The 33-byte compressed encoding. The point at infinity has none here. */
    public static byte[] encode(ECPoint point) {
        if (point.isInfinity()) {
            throw new CryptoException("the point at infinity has no encoding in this group");
        }
        return point.getEncoded(true);
    }

    public static byte[] encodeScalar(BigInteger k) {
        if (k.signum() < 0 || k.compareTo(ORDER) >= 0) {
            throw new IllegalArgumentException("scalar out of range [0, q)");
        }
        return BigIntegers.asUnsignedByteArray(SCALAR_BYTES, k);
    }

    /** Decodes a compressed point strictly; {@code what} names it in the error. */
    public static ECPoint decode(byte[] encoded, String what) {
        if (encoded == null || encoded.length != POINT_BYTES) {
            throw new MalformedEncodingException(what + ": a P-256 point takes " + POINT_BYTES + " bytes, got "
                    + (encoded == null ? "none" : encoded.length));
        }
        if (encoded[0] != 0x02 && encoded[0] != 0x03) {
            throw new MalformedEncodingException(what + ": not a compressed point (prefix " + (encoded[0] & 0xFF) + ")");
        }
        if (new BigInteger(1, java.util.Arrays.copyOfRange(encoded, 1, POINT_BYTES)).compareTo(FIELD_PRIME) >= 0) {
            throw new MalformedEncodingException(what + ": x-coordinate is not below the field prime");
        }
        ECPoint point;
        try {
            point = CURVE.decodePoint(encoded);
        } catch (IllegalArgumentException | ArithmeticException e) {
            throw new MalformedEncodingException(what + ": not a point on P-256 (" + e.getMessage() + ")");
        }
        // Cofactor 1: on the curve and not infinity means in the group. Check anyway, cheaply.
        if (point.isInfinity() || !point.isValid()) {
            throw new MalformedEncodingException(what + ": not a point of the P-256 group");
        }
        return point;
    }

    /** Decodes a 32-byte scalar, which must be below q. */
    public static BigInteger decodeScalar(byte[] encoded, String what) {
        if (encoded == null || encoded.length != SCALAR_BYTES) {
            throw new MalformedEncodingException(what + ": a scalar takes " + SCALAR_BYTES + " bytes, got "
                    + (encoded == null ? "none" : encoded.length));
        }
        BigInteger k = new BigInteger(1, encoded);
        if (k.compareTo(ORDER) >= 0) {
            throw new MalformedEncodingException(what + ": scalar is not below the group order");
        }
        return k;
    }

    /** Reduces 48 uniform bytes (as from {@link HashToCurve#expandMessageXmd}) to a scalar with bias below 2^-128. */
    static BigInteger scalarFromWideBytes(byte[] wide) {
        return new BigInteger(1, wide).mod(ORDER);
    }
}
