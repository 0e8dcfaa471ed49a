package org.maftia.ttcb.sim;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.maftia.ttcb.Eid;
import org.maftia.ttcb.Protection;
import org.maftia.ttcb.client.TtcbClient;
import org.maftia.ttcb.core.FunctionLibrary;
import org.maftia.ttcb.core.LocalTtcb;
import org.maftia.ttcb.core.TimingParameters;
import org.maftia.ttcb.core.TtcbSettings;
import org.maftia.testkit.sim.Simulation;

/** A seeded simulation of n local TTCBs on testkit's {@link Simulation}, with helpers for tests. */
public final class TtcbSim {

    public static final long MS = 1_000_000L;

    public final Simulation sim;
    public final TimingParameters timing;
    public final SimControlNetwork network;
    public final InJvmTtcbCluster cluster;
    public final TtcbSettings settings;

    public TtcbSim(long seed, int n, TimingParameters timing, double omission, InJvmTtcbCluster.ClockSkew skew, boolean worstCase) {
        this(seed, n, timing, omission, skew, worstCase, -1, 0);
    }

    private TtcbSim(long seed, int n, TimingParameters timing, double omission, InJvmTtcbCluster.ClockSkew skew, boolean worstCase,
                    int late, long lateBy) {
        this.sim = new Simulation(seed);
        this.timing = timing;
        EventLoop loop = EventLoop.of(sim.clock(), (task, delay) -> sim.schedule(delay, task));
        this.network = new SimControlNetwork(loop, sim.random(), timing.tsendMin(), timing.tsend(), timing.od(), omission);
        if (worstCase) {
            network.worstCase();
        }
        this.settings = new TtcbSettings(0, n, timing, "simulated control network secret".getBytes(StandardCharsets.US_ASCII),
                FunctionLibrary.builtIns(50_000, 200_000, 50_000), 64, 4096, 2_000 * MS);
        this.cluster = new InJvmTtcbCluster(settings, loop, network, sim.random(), skew);
        for (LocalTtcb t : cluster.ttcbs()) {
            if (t.id() == late) {
                sim.schedule(lateBy, t::start);
            } else {
                t.start();
            }
        }
    }

    /** As {@link #standard}, but local TTCB {@code late} starts {@code lateBy} after the others. */
    public static TtcbSim staggered(long seed, int late, long lateBy) {
        return new TtcbSim(seed, 4, TimingParameters.lanDefaults(), 0.3, new InJvmTtcbCluster.ClockSkew(2 * MS, 50), false, late, lateBy);
    }

    /** Default: 4 local TTCBs, LAN timing, 30% omissions, 2 ms clock offsets and 50 ppm drift. */
    public static TtcbSim standard(long seed) {
        return new TtcbSim(seed, 4, TimingParameters.lanDefaults(), 0.3, new InJvmTtcbCluster.ClockSkew(2 * MS, 50), false);
    }

    /** Runs until every running local TTCB has synchronised its clock. */
    public TtcbSim synchronise() {
        boolean ok = sim.runUntil(() -> cluster.ttcbs().stream().allMatch(t -> t.isHalted() || t.isSynchronised()),
                sim.nowNanos() + 2_000 * MS);
        if (!ok) {
            throw new AssertionError("clocks did not synchronise within 2 s of virtual time");
        }
        return this;
    }

    public void runFor(long nanos) {
        sim.runFor(nanos);
    }

    public boolean runUntil(BooleanSupplier condition, long forAtMostNanos) {
        return sim.runUntil(condition, sim.nowNanos() + forAtMostNanos);
    }

    /** One authenticated entity per local TTCB, round robin, {@code count} in all. */
    public List<TtcbClient> entities(int count, Protection protection) {
        List<TtcbClient> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            out.add(cluster.entity(i % cluster.size(), protection));
        }
        return out;
    }

    public static List<Eid> eids(List<TtcbClient> clients) {
        return clients.stream().map(TtcbClient::eid).toList();
    }

    public LocalTtcb ttcb(int i) {
        return cluster.ttcb(i);
    }

    public long timingFailures() {
        return cluster.ttcbs().stream().mapToLong(t -> t.counters().timingFailures()).sum();
    }
}
