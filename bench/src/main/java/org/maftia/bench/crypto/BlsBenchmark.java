package org.maftia.bench.crypto;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.maftia.crypto.Share;
import org.maftia.crypto.ShareVerdict;
import org.maftia.crypto.ThresholdParameters;
import org.maftia.crypto.bls.BlsCoin;
import org.maftia.crypto.bls.BlsThresholdSignature;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Threshold BLS on BLS12-381 (jblst, min-signature) with (n, n-t, t), t = (n-1)/3: one share, one
 * share verified alone (two pairings), k shares in one batch (one pairing check), combining k
 * shares (Lagrange in G1), verifying the combined signature, and the BLS coin's combination.
 * Run with --enable-native-access=ALL-UNNAMED on JDK 24+.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class BlsBenchmark {

    @Param({"4", "7", "16"})
    public int n;

    private BlsThresholdSignature key;
    private BlsThresholdSignature.Signer signer;
    private byte[] message;
    private Share one;
    private List<Share> quorum;
    private byte[] signature;
    private BlsCoin coin;
    private byte[] tag;
    private List<Share> coinQuorum;

    @Setup
    public void setUp() {
        SecureRandom random = new SecureRandom();
        ThresholdParameters p = ThresholdParameters.quorum(n, (n - 1) / 3);
        BlsThresholdSignature.Dealt dealt = BlsThresholdSignature.deal(p, random);
        key = dealt.publicKey();
        signer = dealt.signers().get(0);
        message = "abba/pre-vote/round-3/value-1".getBytes(StandardCharsets.UTF_8);
        quorum = dealt.signers().subList(0, p.k()).stream().map(s -> s.sign(message)).toList();
        one = quorum.get(p.k() - 1);
        signature = key.combine(message, quorum, true);
        BlsCoin.Dealt coinDealt = BlsCoin.deal(p, random);
        coin = coinDealt.publicKey();
        tag = "abba/coin/round-3".getBytes(StandardCharsets.UTF_8);
        coinQuorum = coinDealt.holders().subList(0, p.k()).stream().map(h -> h.share(tag)).toList();
    }

    @Benchmark
    public Share share() {
        return signer.sign(message);
    }

    @Benchmark
    public ShareVerdict verifyShare() {
        return key.verifyShare(message, one);
    }

    @Benchmark
    public List<ShareVerdict> verifyBatchOfK() {
        return key.verifyShares(message, quorum);
    }

    @Benchmark
    public byte[] combineVerified() {
        return key.combine(message, quorum, true);
    }

    @Benchmark
    public boolean verifyCombined() {
        return key.verify(message, signature);
    }

    @Benchmark
    public byte[] coinCombineVerified() {
        return coin.combine(tag, coinQuorum, true);
    }
}
