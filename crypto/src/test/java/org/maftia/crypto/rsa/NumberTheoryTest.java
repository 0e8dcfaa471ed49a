package org.maftia.crypto.rsa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

/** The arithmetic under Shoup's scheme: safe primes, Jacobi symbols, integer Lagrange coefficients. */
class NumberTheoryTest {

    @Test
    void theTestPrimesAreSafePrimesAndSmallCasesAreRight() {
        for (BigInteger p : new BigInteger[] {TestSafePrimes.P256_A, TestSafePrimes.Q256_A, TestSafePrimes.P256_B,
                TestSafePrimes.Q256_B, TestSafePrimes.P512, TestSafePrimes.Q512}) {
            assertThat(SafePrimes.isSafePrime(p)).isTrue();
        }
        assertThat(SafePrimes.isSafePrime(BigInteger.valueOf(23))).isTrue();  // 11
        assertThat(SafePrimes.isSafePrime(BigInteger.valueOf(47))).isTrue();  // 23
        assertThat(SafePrimes.isSafePrime(BigInteger.valueOf(29))).isFalse(); // 14
        assertThat(SafePrimes.isSafePrime(BigInteger.valueOf(27))).isFalse(); // 13, but 27 composite
        assertThat(SafePrimes.isSafePrime(BigInteger.valueOf(2))).isFalse();
    }

    @Test
    void freshSafePrimesHaveTheAskedSizeAndTopBits() {
        SecureRandom random = new SecureRandom();
        for (int bits : new int[] {32, 64, 160}) {
            BigInteger p = SafePrimes.generate(bits, random);
            assertThat(p.bitLength()).isEqualTo(bits);
            assertThat(p.testBit(bits - 2)).isTrue();
            assertThat(p.isProbablePrime(100)).isTrue();
            assertThat(p.shiftRight(1).isProbablePrime(100)).isTrue();
        }
        assertThatThrownBy(() -> SafePrimes.generate(16, random)).isInstanceOf(IllegalArgumentException.class);
    }

    /** Against Euler's criterion modulo primes, and multiplicativity in the modulus. */
    @Property(tries = 300)
    void jacobiSymbolAgreesWithEulersCriterionAndIsMultiplicative(@ForAll @LongRange(min = 0, max = Long.MAX_VALUE) long a) {
        BigInteger x = BigInteger.valueOf(a).multiply(BigInteger.valueOf(a ^ 0x5DEECE66DL)).add(BigInteger.valueOf(a));
        for (BigInteger p : new BigInteger[] {BigInteger.valueOf(3), BigInteger.valueOf(7), BigInteger.valueOf(65537), TestSafePrimes.P256_A, TestSafePrimes.Q256_A}) {
            BigInteger euler = x.modPow(p.shiftRight(1), p);
            int expected = euler.equals(BigInteger.ONE) ? 1 : euler.signum() == 0 ? 0 : -1;
            assertThat(RsaMath.jacobi(x, p)).isEqualTo(expected);
        }
        BigInteger n = TestSafePrimes.P256_A.multiply(TestSafePrimes.Q256_A);
        assertThat(RsaMath.jacobi(x, n)).isEqualTo(RsaMath.jacobi(x, TestSafePrimes.P256_A) * RsaMath.jacobi(x, TestSafePrimes.Q256_A));
    }

    /** Shoup, section 3: Delta f(0) = sum_j lambda_{0,j}^S f(x_j) over the integers for any k points. */
    @Property(tries = 200)
    void integerLagrangeCoefficientsInterpolateDeltaTimesTheSecret(
            @ForAll @IntRange(min = 1, max = 16) int n, @ForAll @IntRange(min = 1, max = 16) int k, @ForAll long seed) {
        int degreePlusOne = Math.min(k, n);
        Random random = new Random(seed);
        BigInteger[] f = new BigInteger[degreePlusOne];
        for (int j = 0; j < f.length; j++) {
            f[j] = BigInteger.valueOf(random.nextLong());
        }
        int[] holders = org.maftia.crypto.testing.ShareTampering.randomHolders(n, degreePlusOne, seed).stream().mapToInt(Integer::intValue).toArray();
        BigInteger delta = IntegerLagrange.factorial(n);
        BigInteger[] lambda = IntegerLagrange.atZero(delta, holders);
        BigInteger sum = BigInteger.ZERO;
        for (int j = 0; j < holders.length; j++) {
            BigInteger x = BigInteger.valueOf(holders[j] + 1L);
            BigInteger y = BigInteger.ZERO;
            for (int c = f.length - 1; c >= 0; c--) {
                y = y.multiply(x).add(f[c]);
            }
            sum = sum.add(lambda[j].multiply(y));
        }
        assertThat(sum).isEqualTo(delta.multiply(f[0]));
    }

    @Test
    void counterModeExpansionIsDeterministicAndPrefixConsistent() {
        byte[] seed = {1, 2, 3};
        byte[] long1 = RsaMath.expand(seed, 100);
        assertThat(RsaMath.expand(seed, 40)).isEqualTo(java.util.Arrays.copyOf(long1, 40));
        assertThat(RsaMath.expand(new byte[] {1, 2, 4}, 40)).isNotEqualTo(java.util.Arrays.copyOf(long1, 40));
    }
}
