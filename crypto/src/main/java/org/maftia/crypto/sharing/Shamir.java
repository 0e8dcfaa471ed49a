package org.maftia.crypto.sharing;

import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.Arrays;
import org.maftia.crypto.ThresholdParameters;

/**
 * Shamir secret sharing over the prime field Z_q: a polynomial of degree {@code k-1} whose
 * constant term is the secret, evaluated at x = 1..n (holder i gets f(i+1)).
 */
public final class Shamir {

    private final BigInteger q;

    public Shamir(BigInteger q) {
        if (q.signum() <= 0 || !q.isProbablePrime(64)) {
            throw new IllegalArgumentException("Shamir sharing needs a prime modulus");
        }
        this.q = q;
    }

    public BigInteger modulus() {
        return q;
    }

    /** Coefficients a_0 = secret, a_1..a_{k-1} uniform in Z_q. */
    public BigInteger[] randomPolynomial(BigInteger secret, int k, SecureRandom random) {
        BigInteger[] a = new BigInteger[k];
        a[0] = secret.mod(q);
        for (int j = 1; j < k; j++) {
            a[j] = uniform(random);
        }
        return a;
    }

    /** f(x) by Horner's rule. */
    public BigInteger evaluate(BigInteger[] coefficients, BigInteger x) {
        BigInteger y = BigInteger.ZERO;
        for (int j = coefficients.length - 1; j >= 0; j--) {
            y = y.multiply(x).add(coefficients[j]).mod(q);
        }
        return y;
    }

    /** Shares of a fresh random polynomial: element i is holder i's share f(i+1). */
    public BigInteger[] split(BigInteger secret, ThresholdParameters p, SecureRandom random) {
        BigInteger[] f = randomPolynomial(secret, p.k(), random);
        BigInteger[] shares = new BigInteger[p.n()];
        for (int i = 0; i < p.n(); i++) {
            shares[i] = evaluate(f, BigInteger.valueOf(i + 1L));
        }
        return shares;
    }

    /**
     * Lagrange coefficients at x = 0 for the holders {@code indices} (distinct, 0-based):
     * the secret is sum over j of lambda_j * share_j mod q.
     */
    public BigInteger[] lagrangeAtZero(int[] indices) {
        return lagrangeAt(BigInteger.ZERO, indices);
    }

    /** Lagrange coefficients at {@code x} for the holders {@code indices}. */
    public BigInteger[] lagrangeAt(BigInteger x, int[] indices) {
        requireDistinct(indices);
        BigInteger[] lambda = new BigInteger[indices.length];
        for (int j = 0; j < indices.length; j++) {
            BigInteger xj = BigInteger.valueOf(indices[j] + 1L);
            BigInteger num = BigInteger.ONE;
            BigInteger den = BigInteger.ONE;
            for (int m = 0; m < indices.length; m++) {
                if (m != j) {
                    BigInteger xm = BigInteger.valueOf(indices[m] + 1L);
                    num = num.multiply(x.subtract(xm)).mod(q);
                    den = den.multiply(xj.subtract(xm)).mod(q);
                }
            }
            lambda[j] = num.multiply(den.modInverse(q)).mod(q);
        }
        return lambda;
    }

    /** Reconstructs f(0) from shares of the holders {@code indices}. */
    public BigInteger interpolateAtZero(int[] indices, BigInteger[] shares) {
        BigInteger[] lambda = lagrangeAtZero(indices);
        BigInteger s = BigInteger.ZERO;
        for (int j = 0; j < indices.length; j++) {
            s = s.add(lambda[j].multiply(shares[j]));
        }
        return s.mod(q);
    }

    /** Uniform in Z_q. */
    public BigInteger uniform(SecureRandom random) {
        BigInteger r;
        do {
            r = new BigInteger(q.bitLength(), random);
        } while (r.compareTo(q) >= 0);
        return r;
    }

    private static void requireDistinct(int[] indices) {
        int[] sorted = indices.clone();
        Arrays.sort(sorted);
        for (int i = 0; i < sorted.length; i++) {
            if (sorted[i] < 0 || (i > 0 && sorted[i] == sorted[i - 1])) {
                throw new IllegalArgumentException("holder indices must be distinct and >= 0: " + Arrays.toString(indices));
            }
        }
    }
}
