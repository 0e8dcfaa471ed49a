package org.maftia.crypto.rsa;

import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import org.maftia.crypto.ThresholdParameters;

/**
 * The trusted dealer of Shoup's scheme (section 3 of the paper): from safe primes p = 2p'+1,
 * q = 2q'+1 it sets N = pq, m = p'q', d = e^-1 mod m, shares d with a random polynomial
 * f of degree k-1 over Z_m (f(0) = d, s_i = f(i+1)), picks v a generator of the squares
 * Q_N and publishes v_i = v^(s_i); and u with Jacobi symbol -1 for Protocol 2 (section 5).
 */
public final class ShoupDealer {

    /** The usual RSA exponent; prime and larger than any group we will have. */
    public static final BigInteger DEFAULT_EXPONENT = BigInteger.valueOf(65537);

    private ShoupDealer() {
    }

    /** The group key and every holder's signer, signer i at position i. */
    public record Keys(ShoupPublicKey publicKey, List<ShoupSigner> signers) {
        public Keys {
            signers = List.copyOf(signers);
        }
    }

    /** Fresh safe primes of {@code modulusBits / 2} bits each: slow (minutes at 2048 bits). */
    public static Keys generate(int modulusBits, ThresholdParameters parameters, SecureRandom random) {
        if (modulusBits % 2 != 0) {
            throw new IllegalArgumentException("modulus bits must be even, not " + modulusBits);
        }
        BigInteger p = SafePrimes.generate(modulusBits / 2, random);
        BigInteger q;
        do {
            q = SafePrimes.generate(modulusBits / 2, random);
        } while (q.equals(p));
        return fromSafePrimes(p, q, parameters, random);
    }

    public static Keys fromSafePrimes(BigInteger p, BigInteger q, ThresholdParameters parameters, SecureRandom random) {
        return fromSafePrimes(p, q, DEFAULT_EXPONENT, parameters, random);
    }

    /**
     * @throws IllegalArgumentException if p or q is not a safe prime, they are equal, p' or q' is
     *     not above n (Delta = n! must be invertible mod m), or e is not a prime above n coprime to m
     */
    public static Keys fromSafePrimes(BigInteger p, BigInteger q, BigInteger e, ThresholdParameters parameters,
            SecureRandom random) {
        if (!SafePrimes.isSafePrime(p) || !SafePrimes.isSafePrime(q)) {
            throw new IllegalArgumentException("p and q must be safe primes (p = 2p' + 1 with p' prime)");
        }
        if (p.equals(q)) {
            throw new IllegalArgumentException("p and q must differ");
        }
        BigInteger pPrime = p.shiftRight(1);
        BigInteger qPrime = q.shiftRight(1);
        BigInteger n = BigInteger.valueOf(parameters.n());
        if (pPrime.compareTo(n) <= 0 || qPrime.compareTo(n) <= 0) {
            throw new IllegalArgumentException("p' and q' must exceed n");
        }
        if (e.compareTo(n) <= 0 || !e.isProbablePrime(SafePrimes.CERTAINTY) || e.equals(pPrime) || e.equals(qPrime)) {
            throw new IllegalArgumentException("e must be a prime above n and coprime to m = p'q'");
        }
        BigInteger modulus = p.multiply(q);
        BigInteger m = pPrime.multiply(qPrime);
        BigInteger d = e.modInverse(m);

        // f(X) = d + a_1 X + ... + a_{k-1} X^{k-1}, a_j uniform in Z_m (Shoup, section 3).
        BigInteger[] f = new BigInteger[parameters.k()];
        f[0] = d;
        for (int j = 1; j < f.length; j++) {
            f[j] = uniformBelow(m, random);
        }
        BigInteger[] shares = new BigInteger[parameters.n()];
        for (int i = 0; i < parameters.n(); i++) {
            BigInteger x = BigInteger.valueOf(i + 1L);
            BigInteger y = BigInteger.ZERO;
            for (int j = f.length - 1; j >= 0; j--) {
                y = y.multiply(x).add(f[j]).mod(m);
            }
            shares[i] = y;
        }

        BigInteger v = generatorOfSquares(modulus, pPrime, qPrime, random);
        BigInteger u;
        do {
            u = uniformBelow(modulus, random);
        } while (RsaMath.jacobi(u, modulus) != -1);

        List<BigInteger> verificationKeys = new ArrayList<>();
        for (BigInteger s : shares) {
            verificationKeys.add(v.modPow(s, modulus));
        }
        ShoupPublicKey key = new ShoupPublicKey(parameters, modulus, e, v, u, verificationKeys);
        List<ShoupSigner> signers = new ArrayList<>();
        for (int i = 0; i < parameters.n(); i++) {
            signers.add(new ShoupSigner(i, shares[i], key, random));
        }
        return new Keys(key, signers);
    }

    /**
     * A random square r^2 that generates Q_N: Q_N is cyclic of order p'q', so v generates it iff
     * v^(p') != 1 and v^(q') != 1 (the dealer knows p' and q').
     */
    private static BigInteger generatorOfSquares(BigInteger modulus, BigInteger pPrime, BigInteger qPrime, SecureRandom random) {
        while (true) {
            BigInteger r = uniformBelow(modulus, random);
            if (r.signum() == 0 || !r.gcd(modulus).equals(BigInteger.ONE)) {
                continue;
            }
            BigInteger v = r.multiply(r).mod(modulus);
            if (!v.modPow(pPrime, modulus).equals(BigInteger.ONE) && !v.modPow(qPrime, modulus).equals(BigInteger.ONE)) {
                return v;
            }
        }
    }

    private static BigInteger uniformBelow(BigInteger bound, SecureRandom random) {
        BigInteger r;
        do {
            r = new BigInteger(bound.bitLength(), random);
        } while (r.compareTo(bound) >= 0);
        return r;
    }
}
