package org.maftia.bench.crypto;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.maftia.crypto.Share;
import org.maftia.crypto.ShareVerdict;
import org.maftia.crypto.ThresholdParameters;
import org.maftia.crypto.ThresholdSignature;
import org.maftia.crypto.ThresholdSigner;
import org.maftia.crypto.quorum.QuorumDealer;
import org.maftia.crypto.quorum.QuorumPublicKey;
import org.maftia.crypto.rsa.ShoupDealer;
import org.maftia.crypto.rsa.ShoupPublicKey;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Cost of the threshold signature schemes as ABBA uses them (spec 5.2.1.1): an (n, n-t, t) key
 * with t = (n-1)/3. Per operation, in microseconds:
 * <ul>
 *   <li>{@code share}: one holder's signature share (Shoup: with its proof);</li>
 *   <li>{@code verifyShare}: checking one share (Shoup: hashing the message and x^(4 Delta) included);</li>
 *   <li>{@code verifyKShares}: checking k shares on one message in one call (the per-message work done once);</li>
 *   <li>{@code combine}: combining k shares already verified;</li>
 *   <li>{@code verify}: verifying the combined signature.</li>
 * </ul>
 * Shoup keys use a 2048-bit modulus from safe primes generated afresh at each trial's setup
 * ({@code SafePrimes.generate}, a sieved search: a few seconds on this machine).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class ThresholdSignatureBenchmark {

    @Param({QuorumPublicKey.SCHEME, ShoupPublicKey.SCHEME})
    public String scheme;

    @Param({"4", "7", "16"})
    public int n;

    @Param({"2048"})
    public int rsaModulusBits;

    private ThresholdSignature key;
    private ThresholdSigner signer;
    private byte[] message;
    private Share share;
    private List<Share> shares;
    private byte[] signature;

    @Setup(Level.Trial)
    public void setUp() {
        SecureRandom random = new SecureRandom();
        ThresholdParameters parameters = ThresholdParameters.quorum(n, (n - 1) / 3);
        List<? extends ThresholdSigner> signers = switch (scheme) {
            case QuorumPublicKey.SCHEME -> QuorumDealer.generate(parameters, random).signers();
            case ShoupPublicKey.SCHEME -> ShoupDealer.generate(rsaModulusBits, parameters, random).signers();
            default -> throw new IllegalArgumentException(scheme);
        };
        signer = signers.get(0);
        key = signer.publicKey();
        message = "(main-vote, 17, abstain) for protocol abba/42 in group bank".getBytes(StandardCharsets.UTF_8);
        shares = signers.subList(n - parameters.k(), n).stream().map(s -> s.sign(message)).toList();
        share = shares.get(0);
        signature = key.combine(message, shares, false);
        if (!key.verify(message, signature)) {
            throw new IllegalStateException("benchmark key does not work");
        }
    }

    @Benchmark
    public Share share() {
        return signer.sign(message);
    }

    @Benchmark
    public ShareVerdict verifyShare() {
        return key.verifyShare(message, share);
    }

    @Benchmark
    public List<ShareVerdict> verifyKShares() {
        return key.verifyShares(message, shares);
    }

    @Benchmark
    public byte[] combine() {
        return key.combine(message, shares, true);
    }

    @Benchmark
    public boolean verify() {
        return key.verify(message, signature);
    }
}
