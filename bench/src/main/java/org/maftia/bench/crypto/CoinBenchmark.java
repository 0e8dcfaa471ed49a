package org.maftia.bench.crypto;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.maftia.crypto.Share;
import org.maftia.crypto.ShareVerdict;
import org.maftia.crypto.ThresholdParameters;
import org.maftia.crypto.dl.DiffieHellmanCoin;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The Diffie-Hellman threshold coin on P-256 (ABBA's (n, n-t, t) coin, t = (n-1)/3): one share,
 * one share verified alone, k shares verified in one batch, and combining k shares with and
 * without verifying them first.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class CoinBenchmark {

    @Param({"4", "7", "16"})
    public int n;

    private DiffieHellmanCoin coin;
    private DiffieHellmanCoin.Holder holder;
    private byte[] tag;
    private Share one;
    private List<Share> quorum;

    @Setup
    public void setUp() {
        SecureRandom random = new SecureRandom();
        ThresholdParameters p = ThresholdParameters.quorum(n, (n - 1) / 3);
        DiffieHellmanCoin.Dealt dealt = DiffieHellmanCoin.deal(p, random);
        coin = dealt.publicKey();
        holder = dealt.holders().get(0);
        tag = "abba/round-17".getBytes(StandardCharsets.UTF_8);
        quorum = dealt.holders().subList(0, p.k()).stream().map(h -> h.share(tag)).toList();
        one = quorum.get(p.k() - 1);
    }

    @Benchmark
    public Share share() {
        return holder.share(tag);
    }

    @Benchmark
    public ShareVerdict verifyShare() {
        return coin.verifyShare(tag, one);
    }

    @Benchmark
    public List<ShareVerdict> verifyBatchOfK() {
        return coin.verifyShares(tag, quorum);
    }

    @Benchmark
    public byte[] combineVerified() {
        return coin.combine(tag, quorum, true);
    }

    @Benchmark
    public byte[] combineAndVerifyShares() {
        return coin.combine(tag, quorum, false);
    }
}
