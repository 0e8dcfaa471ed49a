package org.maftia.crypto.rsa;

import java.math.BigInteger;
import org.maftia.crypto.CryptoException;

/**
 * Shoup's integer Lagrange coefficients (section 3 of the paper): for a set S of k holders
 * (Shamir points x_j = index + 1) and Delta = n!,
 * {@code lambda_{0,j}^S = Delta * prod_{j' in S \ j} (0 - x_j') / prod_{j' in S \ j} (x_j - x_j')},
 * an integer because the denominator divides Delta (it is a product of k-1 distinct nonzero
 * differences of numbers in 1..n). Then Delta * f(0) = sum_j lambda_j f(x_j) holds over the
 * integers modulo anything, in particular modulo the secret order m, without inverting mod m.
 */
final class IntegerLagrange {

    private IntegerLagrange() {
    }

    static BigInteger factorial(int n) {
        BigInteger f = BigInteger.ONE;
        for (int i = 2; i <= n; i++) {
            f = f.multiply(BigInteger.valueOf(i));
        }
        return f;
    }

    /** lambda_{0,j}^S for the holders {@code indices} (distinct, 0-based), in the same order. */
    static BigInteger[] atZero(BigInteger delta, int[] indices) {
        int k = indices.length;
        BigInteger[] lambda = new BigInteger[k];
        for (int j = 0; j < k; j++) {
            long xj = indices[j] + 1L;
            BigInteger numerator = delta;
            BigInteger denominator = BigInteger.ONE;
            for (int m = 0; m < k; m++) {
                if (m != j) {
                    long xm = indices[m] + 1L;
                    numerator = numerator.multiply(BigInteger.valueOf(-xm));
                    denominator = denominator.multiply(BigInteger.valueOf(xj - xm));
                }
            }
            BigInteger[] qr = numerator.divideAndRemainder(denominator);
            if (qr[1].signum() != 0) {
                // Cannot happen for distinct indices below n (Shoup, section 3); guards misuse.
                throw new CryptoException("Lagrange coefficient is not an integer: Delta is too small for these holders");
            }
            lambda[j] = qr[0];
        }
        return lambda;
    }
}
