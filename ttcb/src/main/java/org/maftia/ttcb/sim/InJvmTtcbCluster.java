package org.maftia.ttcb.sim;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.maftia.appia.time.Clock;
import org.maftia.ttcb.Protection;
import org.maftia.ttcb.client.InJvmTransport;
import org.maftia.ttcb.client.TtcbClient;
import org.maftia.ttcb.core.EntityGateway;
import org.maftia.ttcb.core.LocalKeys;
import org.maftia.ttcb.core.LocalTtcb;
import org.maftia.ttcb.core.TtcbScheduler;
import org.maftia.ttcb.core.TtcbSettings;

/**
 * n local TTCBs in one JVM on one virtual-time {@link EventLoop}, joined by a
 * {@link SimControlNetwork}: the same protocol code as the daemon, run deterministically from a
 * seed. Each host has its own drifting hardware clock; entities reach their local TTCB through a
 * {@link TtcbClient} over an {@link InJvmTransport}, with local authentication and the protected
 * channel exactly as over the daemon's socket.
 */
public final class InJvmTtcbCluster {

    /** How the hosts' hardware clocks start: offsets up to {@code maxOffsetNanos}, drifts up to {@code maxDriftPpm}. */
    public record ClockSkew(long maxOffsetNanos, long maxDriftPpm) {
        public static final ClockSkew NONE = new ClockSkew(0, 0);
    }

    private final EventLoop loop;
    private final SimControlNetwork network;
    private final List<LocalTtcb> ttcbs = new ArrayList<>();
    private final List<EntityGateway> gateways = new ArrayList<>();
    private final List<DriftingClock> clocks = new ArrayList<>();
    private final SecureRandom random;

    public InJvmTtcbCluster(TtcbSettings settings, EventLoop loop, SimControlNetwork network, SplittableRandom seeded, ClockSkew skew) {
        this.loop = loop;
        this.network = network;
        this.random = deterministic(seeded.nextLong());
        for (int i = 0; i < settings.n(); i++) {
            // Offsets in [0, max]: hardware readings stay non-negative, as round numbers must.
            long offset = skew.maxOffsetNanos() == 0 ? 0 : seeded.nextLong(skew.maxOffsetNanos() + 1);
            long drift = skew.maxDriftPpm() == 0 ? 0 : seeded.nextLong(-skew.maxDriftPpm(), skew.maxDriftPpm() + 1);
            DriftingClock clock = new DriftingClock(loop.clock(), offset, drift);
            clocks.add(clock);
            LocalTtcb t = new LocalTtcb(settings.forId(i), scheduler(clock), network.endpoint(i), deterministic(seeded.nextLong()));
            ttcbs.add(t);
            network.attach(t);
            gateways.add(new EntityGateway(t, LocalKeys.generate(deterministic(seeded.nextLong())), 1024, deterministic(seeded.nextLong())));
        }
    }

    /** Starts every local TTCB's routines. */
    public InJvmTtcbCluster start() {
        ttcbs.forEach(LocalTtcb::start);
        return this;
    }

    private TtcbScheduler scheduler(DriftingClock clock) {
        return new TtcbScheduler() {
            @Override
            public Clock clock() {
                return clock;
            }

            @Override
            public Cancellable schedule(long delayNanos, Runnable task) {
                boolean[] cancelled = {false};
                loop.schedule(clock.toBase(Math.max(0, delayNanos)), () -> {
                    if (!cancelled[0]) {
                        task.run();
                    }
                });
                return () -> cancelled[0] = true;
            }
        };
    }

    /** A new entity on host {@code ttcb}, authenticated with its local TTCB (Figure 2.7). */
    public TtcbClient entity(int ttcb, Protection protection) {
        return TtcbClient.authenticated(transport(ttcb), gateways.get(ttcb).publicKey(), protection, random);
    }

    public InJvmTransport transport(int ttcb) {
        return new InJvmTransport(gateways.get(ttcb));
    }

    public EntityGateway gateway(int ttcb) {
        return gateways.get(ttcb);
    }

    public LocalTtcb ttcb(int i) {
        return ttcbs.get(i);
    }

    public List<LocalTtcb> ttcbs() {
        return List.copyOf(ttcbs);
    }

    public SimControlNetwork network() {
        return network;
    }

    public int size() {
        return ttcbs.size();
    }

    /** The largest difference between the synchronised clocks of the running local TTCBs now. */
    public long currentPrecision() {
        long min = Long.MAX_VALUE;
        long max = Long.MIN_VALUE;
        for (int i = 0; i < ttcbs.size(); i++) {
            LocalTtcb t = ttcbs.get(i);
            if (t.isHalted()) {
                continue;
            }
            long reading = clocks.get(i).nanoTime() + t.clockCorrection();
            min = Math.min(min, reading);
            max = Math.max(max, reading);
        }
        return max - min;
    }

    /** A SecureRandom that replays from a seed, so a simulation seed fixes every key and nonce. */
    static SecureRandom deterministic(long seed) {
        try {
            SecureRandom r = SecureRandom.getInstance("SHA1PRNG");
            r.setSeed(seed);
            return r;
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA1PRNG is in every JDK", e);
        }
    }
}
