package org.maftia.crypto.rsa;

import java.math.BigInteger;
import java.security.SecureRandom;

/**
 * Safe primes {@code p = 2p' + 1} ({@code p'} prime), the factors of a Shoup modulus (Shoup,
 * "Practical Threshold Signatures", Eurocrypt 2000, section 3: the squares of Z_N* then form a
 * cyclic group of order {@code m = p'q'} with no small factors, which the share proofs need).
 */
public final class SafePrimes {

    /** Miller-Rabin rounds: error below 2^-128 for either prime. */
    static final int CERTAINTY = 128;

    /** Odd primes below 2^12: sieving both p' and 2p'+1 by them discards ~97% of candidates cheaply. */
    private static final int[] SIEVE = oddPrimesBelow(4096);

    private SafePrimes() {
    }

    public static boolean isSafePrime(BigInteger p) {
        if (p.signum() <= 0 || p.bitLength() < 3 || !p.testBit(0)) {
            return false;
        }
        BigInteger half = p.shiftRight(1);
        return half.isProbablePrime(CERTAINTY) && p.isProbablePrime(CERTAINTY);
    }

    /**
     * A random safe prime of exactly {@code bits} bits whose two top bits are set (so the product
     * of two has exactly {@code 2 * bits} bits). Slow for large sizes: seconds to minutes at 1024
     * bits; meant for {@code maftia keygen}, never for unit tests.
     */
    public static BigInteger generate(int bits, SecureRandom random) {
        if (bits < 32) {
            throw new IllegalArgumentException("safe primes of fewer than 32 bits are not supported, asked " + bits);
        }
        while (true) {
            // p' has bits-1 bits with its top two set, and is odd.
            BigInteger start = new BigInteger(bits - 1, random).setBit(bits - 2).setBit(bits - 3).setBit(0);
            int[] residues = new int[SIEVE.length];
            for (int s = 0; s < SIEVE.length; s++) {
                residues[s] = start.mod(BigInteger.valueOf(SIEVE[s])).intValue();
            }
            // Walk p' = start + delta (delta even); incremental search is as good as fresh random
            // starts for key generation and lets the sieve work on small residues only.
            for (int delta = 0; delta < (1 << 20); delta += 2) {
                if (!survivesSieve(residues, delta)) {
                    continue;
                }
                BigInteger half = start.add(BigInteger.valueOf(delta));
                if (half.bitLength() != bits - 1) {
                    break;
                }
                BigInteger p = half.shiftLeft(1).setBit(0);
                // Fermat test base 2 on p first: one exponentiation rejects almost every composite.
                if (!BigInteger.TWO.modPow(p.subtract(BigInteger.ONE), p).equals(BigInteger.ONE)) {
                    continue;
                }
                if (half.isProbablePrime(CERTAINTY) && p.isProbablePrime(CERTAINTY)) {
                    return p;
                }
            }
        }
    }

    /** Neither p' nor 2p'+1 has a small factor (for p' larger than the sieve primes). */
    private static boolean survivesSieve(int[] residues, int delta) {
        for (int s = 0; s < SIEVE.length; s++) {
            int prime = SIEVE[s];
            int r = (int) ((residues[s] + (long) delta) % prime);
            if (r == 0 || (2 * r + 1) % prime == 0) {
                return false;
            }
        }
        return true;
    }

    private static int[] oddPrimesBelow(int limit) {
        boolean[] composite = new boolean[limit];
        int count = 0;
        for (int i = 3; i < limit; i += 2) {
            if (!composite[i]) {
                count++;
                for (int j = i * i; j < limit; j += 2 * i) {
                    composite[j] = true;
                }
            }
        }
        int[] primes = new int[count];
        int k = 0;
        for (int i = 3; i < limit; i += 2) {
            if (!composite[i]) {
                primes[k++] = i;
            }
        }
        return primes;
    }
}
