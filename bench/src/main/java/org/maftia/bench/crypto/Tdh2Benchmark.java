package org.maftia.bench.crypto;

import java.security.SecureRandom;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.maftia.crypto.Share;
import org.maftia.crypto.ShareVerdict;
import org.maftia.crypto.ThresholdParameters;
import org.maftia.crypto.dl.Tdh2;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * TDH2 on P-256 as SC-ABC uses it ((n, t+1, t), t = (n-1)/3), with a 1 KiB payload: encryption,
 * the ciphertext validity test, one decryption share (which includes the validity test), one share
 * verified alone, k shares in one batch, and combining k shares (validity test + Lagrange + AES).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class Tdh2Benchmark {

    @Param({"4", "7", "16"})
    public int n;

    private final SecureRandom random = new SecureRandom();
    private Tdh2 tdh2;
    private Tdh2.Holder holder;
    private byte[] payload;
    private byte[] label;
    private byte[] ciphertext;
    private Share one;
    private List<Share> quorum;

    @Setup
    public void setUp() {
        ThresholdParameters p = ThresholdParameters.onePlusFaults(n, (n - 1) / 3);
        Tdh2.Dealt dealt = Tdh2.deal(p, random);
        tdh2 = dealt.publicKey();
        holder = dealt.holders().get(0);
        payload = new byte[1024];
        label = new byte[] {1, 2, 3, 4};
        ciphertext = tdh2.encrypt(payload, label, random);
        quorum = dealt.holders().subList(0, p.k()).stream().map(h -> h.decryptShare(ciphertext)).toList();
        one = quorum.get(p.k() - 1);
    }

    @Benchmark
    public byte[] encrypt1KiB() {
        return tdh2.encrypt(payload, label, random);
    }

    @Benchmark
    public boolean validityTest() {
        return tdh2.isValidCiphertext(ciphertext);
    }

    @Benchmark
    public Share decryptionShare() {
        return holder.decryptShare(ciphertext);
    }

    @Benchmark
    public ShareVerdict verifyShare() {
        return tdh2.verifyShare(ciphertext, one);
    }

    @Benchmark
    public List<ShareVerdict> verifyBatchOfK() {
        return tdh2.verifyShares(ciphertext, quorum);
    }

    @Benchmark
    public byte[] combineVerified() {
        return tdh2.combine(ciphertext, quorum, true);
    }
}
