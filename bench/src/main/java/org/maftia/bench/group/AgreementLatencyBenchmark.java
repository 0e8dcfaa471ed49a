package org.maftia.bench.group;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.maftia.group.ArrayAgreement;
import org.maftia.group.ArrayNegotiable;
import org.maftia.group.ArrayValidator;
import org.maftia.group.BinaryAgreement;
import org.maftia.group.Broadcast;
import org.maftia.group.ConsistentBroadcast;
import org.maftia.group.Site;
import org.maftia.group.Protocol;
import org.maftia.group.ReliableBroadcast;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Latency of one instance of a group protocol among n honest sites on TCP loopback with AEAD
 * links, all in this JVM ({@link BenchGroup}; sites set up once per trial).
 *
 * <p>One operation: a fresh instance (a protocol id never used before) runs to completion at every
 * site. The instances are created at every site before the operation (so each site's group
 * session knows the id); the operation starts them (the sender sends, or every site proposes) and
 * ends when every site delivered or decided. Afterwards, outside the timing, every site checks the
 * outcome and frees its instance.
 *
 * <p>{@code protocol}:
 * <ul>
 *   <li>{@code rbc}: reliable broadcast (Protocol 5) of {@value #PAYLOAD} bytes; the sender is
 *       site {@code op mod n};
 *   <li>{@code vcbc}: consistent broadcast (Protocol 6), the same;
 *   <li>{@code abba}: binary agreement (Protocol 3); every site proposes, half 1 and half 0, so the
 *       coin decides (a unanimous proposal could decide in the first round);
 *   <li>{@code vba}: validated multi-valued agreement (Protocol 4); every site proposes its own
 *       {@value #PAYLOAD}-byte value, the validator accepts any.
 * </ul>
 *
 * <p>SampleTime fits: one operation takes milliseconds, each is independent, and the sampled
 * distribution gives the median and tail, not only the mean.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Threads(1)
@Warmup(iterations = 2, time = 3)
@Measurement(iterations = 3, time = 3)
@Fork(value = 1, jvmArgs = {"-Xms512m", "-Xmx512m", "-XX:+AlwaysPreTouch"})
public class AgreementLatencyBenchmark {

    static final int PAYLOAD = 100;
    private static final long TIMEOUT_SECONDS = 30;
    private static final ArrayValidator ANY = new ArrayValidator() {
        @Override
        public boolean isValid(byte[] value, int offset, int length) {
            return true;
        }
    };

    @Param({"4", "7"})
    public int n;

    @Param({"abba", "rbc", "vcbc", "vba"})
    public String protocol;

    private BenchGroup group;
    private long op;
    /** The current instance at every site, created in {@link #create()}. */
    private final List<Protocol> instances = new ArrayList<>();
    private List<CompletableFuture<?>> outcomes;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        group = new BenchGroup(n);
    }

    @TearDown(Level.Trial)
    public void tearDown() throws InterruptedException {
        group.close();
    }

    /** A fresh instance at every site (Level.Invocation is fine here: an operation takes milliseconds). */
    @Setup(Level.Invocation)
    public void create() {
        op++;
        String id = protocol + "-" + op;
        instances.clear();
        int sender = (int) (op % n);
        for (int i = 0; i < n; i++) {
            Site site = group.sites.get(i);
            instances.add(switch (protocol) {
                case "rbc" -> new ReliableBroadcast(site, id, BenchGroup.GROUP, sender);
                case "vcbc" -> new ConsistentBroadcast(site, id, BenchGroup.GROUP, sender);
                case "abba" -> new BinaryAgreement(site, id, BenchGroup.GROUP);
                case "vba" -> new ArrayAgreement(site, id, BenchGroup.GROUP);
                default -> throw new IllegalArgumentException("unknown protocol " + protocol);
            });
        }
    }

    @Benchmark
    public void instance() throws Exception {
        List<CompletableFuture<?>> done = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            switch (instances.get(i)) {
                case Broadcast b -> {
                    if (b.getSender() == i) {
                        b.send(value(i));
                    }
                    done.add(b.delivery());
                }
                case BinaryAgreement a -> {
                    a.propose(i % 2 == 0);
                    done.add(a.decisionFuture());
                }
                case ArrayAgreement a -> {
                    a.propose(value(i), ANY);
                    done.add(a.decisionFuture());
                }
                default -> throw new IllegalStateException("unexpected " + instances.get(i));
            }
        }
        CompletableFuture.allOf(done.toArray(CompletableFuture[]::new)).get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        outcomes = done;
    }

    /** Checks agreement (and validity for the broadcasts), then frees every site's instance. */
    @TearDown(Level.Invocation)
    public void checkAndFree() {
        Object first = outcomes.getFirst().join();
        for (CompletableFuture<?> f : outcomes) {
            Object o = f.join();
            boolean same = o instanceof byte[] a ? Arrays.equals(a, payloadOf(first)) : o.equals(first);
            if (!same) {
                throw new IllegalStateException(protocol + "-" + op + ": sites disagree: " + o + " vs " + first);
            }
        }
        if (instances.getFirst() instanceof Broadcast b && !Arrays.equals(payloadOf(first), value(b.getSender()))) {
            throw new IllegalStateException(protocol + "-" + op + ": delivered something other than the sender's payload");
        }
        if (first instanceof ArrayNegotiable a && !isProposal(a.getValue())) {
            throw new IllegalStateException(protocol + "-" + op + ": decided a value no site proposed");
        }
        for (Protocol p : instances) {
            p.abort();
        }
        group.checkHealthy();
    }

    private boolean isProposal(byte[] v) {
        for (int i = 0; i < n; i++) {
            if (Arrays.equals(v, value(i))) {
                return true;
            }
        }
        return false;
    }

    private static byte[] payloadOf(Object o) {
        return o instanceof byte[] a ? a : new byte[0];
    }

    /** Site {@code i}'s payload or proposal in this operation. */
    private byte[] value(int i) {
        return ByteBuffer.allocate(PAYLOAD).putLong(op).putInt(i).array();
    }
}
