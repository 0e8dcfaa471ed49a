package org.maftia.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.maftia.crypto.quorum.QuorumDealer;
import org.maftia.crypto.rsa.ShoupDealer;
import org.maftia.crypto.testing.ShareTampering;

/** The scheme registry, and the public side shared by threads as the verification pool will. */
class ThresholdSignaturesTest {

    private static final SecureRandom RANDOM = new SecureRandom();
    /** The 256-bit safe primes of the rsa tests (see rsa.TestSafePrimes). */
    private static final BigInteger P = new BigInteger("f29892d842c6e2b04e55ea7d3f8fc448af7e1e21fafd1dd5b063891217135423", 16);
    private static final BigInteger Q = new BigInteger("f5dd6d5f3b8df37886382572d5430907d012becb4ded554cd9a09c0ea7e28a73", 16);

    @Test
    void namesCodesAndUnknownSchemes() {
        assertThat(ThresholdSignatures.names()).containsExactly("bls12-381", "ed25519-quorum", "shoup-rsa");
        assertThat(ThresholdSignatures.schemeOfCode(1)).contains("ed25519-quorum");
        assertThat(ThresholdSignatures.schemeOfCode(2)).contains("shoup-rsa");
        assertThat(ThresholdSignatures.schemeOfCode(0xEE)).isEmpty();
        assertThatThrownBy(() -> ThresholdSignatures.scheme("rsa")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unknown threshold signature scheme 'rsa'");
        // A key of one scheme is not decoded as the other's.
        byte[] quorumKey = QuorumDealer.generate(ThresholdParameters.quorum(4, 1), RANDOM).publicKey().encode();
        assertThatThrownBy(() -> ThresholdSignatures.decodePublicKey("shoup-rsa", quorumKey)).isInstanceOf(MalformedEncodingException.class);
    }

    @Test
    void onePublicKeyServesManyThreadsAtOnce() throws Exception {
        ThresholdParameters p = ThresholdParameters.quorum(4, 1);
        List<List<? extends ThresholdSigner>> groups = List.of(
                QuorumDealer.generate(p, RANDOM).signers(), ShoupDealer.fromSafePrimes(P, Q, p, RANDOM).signers());
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            for (List<? extends ThresholdSigner> signers : groups) {
                ThresholdSignature key = signers.get(0).publicKey();
                List<Future<Boolean>> results = new ArrayList<>();
                for (int task = 0; task < 32; task++) {
                    byte[] message = ("message " + task).getBytes(StandardCharsets.UTF_8);
                    boolean spoil = task % 3 == 0;
                    results.add(pool.submit(() -> {
                        List<Share> shares = new ArrayList<>();
                        for (ThresholdSigner s : signers.subList(0, p.k())) {
                            shares.add(s.sign(message));
                        }
                        if (spoil) {
                            shares.set(1, ShareTampering.flipBit(shares.get(1), shares.get(1).encoded().length - 1, 0));
                        }
                        List<ShareVerdict> verdicts = key.verifyShares(message, shares);
                        if (verdicts.get(1).isValid() == spoil) {
                            return false;
                        }
                        if (spoil) {
                            shares.add(signers.get(p.k()).sign(message));
                        }
                        return key.verify(message, key.combine(message, shares, false));
                    }));
                }
                for (Future<Boolean> r : results) {
                    assertThat(r.get()).isTrue();
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
