package org.maftia.crypto.rsa;

import java.math.BigInteger;

/**
 * Safe primes made once with {@link SafePrimes#generate} (and checked by the tests below), so unit
 * tests deal keys in milliseconds: 256-bit primes give 512-bit moduli, the smallest we accept.
 * Test data only: far too small for real keys.
 */
final class TestSafePrimes {

    static final BigInteger P256_A = new BigInteger("f29892d842c6e2b04e55ea7d3f8fc448af7e1e21fafd1dd5b063891217135423", 16);
    static final BigInteger Q256_A = new BigInteger("f5dd6d5f3b8df37886382572d5430907d012becb4ded554cd9a09c0ea7e28a73", 16);
    static final BigInteger P256_B = new BigInteger("fd91a219f7d7e08ef4aea28d6d9787e4694d2929c36b8a9f211666ac5fe111e7", 16);
    static final BigInteger Q256_B = new BigInteger("ecf7539bddb3b51a86c099ae6a78651b5f06df3352899e692abf44399e51536f", 16);
    static final BigInteger P512 = new BigInteger("fe00ecfdb1005e51b496937186358df58251d37129090a0536bea566ce84d1d8"
            + "727f5f6c7357e1cefd029dcbd1ef1810e1f5570af199805585b65ef26300ef6b", 16);
    static final BigInteger Q512 = new BigInteger("efc85fa920bdb33527cd467740020e7f9e94a3304c2e2a5a40b3bf3cc29d8681"
            + "13519ee752773da001c63def0766c15bea906cf59e81331b249a6bdd42d0e563", 16);

    private TestSafePrimes() {
    }
}
