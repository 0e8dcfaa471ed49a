package org.maftia.group.sim;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.security.SecureRandom;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.maftia.group.Site;
import org.maftia.group.SiteKeys;
import org.maftia.group.core.SiteRuntime;
import org.maftia.testkit.adversary.Adversaries;
import org.maftia.testkit.net.Adversary;
import org.maftia.testkit.net.DelayModel;
import org.maftia.testkit.net.SimulatedNetwork;
import org.maftia.testkit.property.DeliveryLog;
import org.maftia.testkit.sim.SimSite;
import org.maftia.testkit.sim.Simulation;

/**
 * A group of n sites in the deterministic simulation, t of them possibly corrupted: every site has
 * a real group session over the simulated network; what a corrupted site runs is up to the test
 * (a protocol-aware strategy instead of the protocol, or the protocol itself), and the network
 * adversary ({@link #attack}) acts on the corrupted sites' traffic.
 */
public final class SimGroup {

    public final Simulation sim;
    public final SimulatedNetwork net;
    /** Threshold keys dealt once per group size and reused by every run in the JVM (dealing is slow). */
    private static final Map<Integer, List<SiteKeys>> KEYS = new ConcurrentHashMap<>();

    /** The sites as protocol code sees them: start instances by hand, read the session. */
    public final List<SiteRuntime> sites = new ArrayList<>();
    public final int n;
    public final int t;
    private final BitSet corrupted = new BitSet();

    public SimGroup(long seed, int n, int... corruptedSites) {
        this.n = n;
        this.t = (n - 1) / 3;
        if (corruptedSites.length > t) {
            throw new IllegalArgumentException(corruptedSites.length + " corrupted sites, but t = " + t);
        }
        sim = new Simulation(seed);
        net = new SimulatedNetwork(sim, n);
        // Mostly quick links with a heavy tail: messages overtake each other often.
        net.delays(DelayModel.exponential(100_000, 2_000_000));
        for (int c : corruptedSites) {
            corrupted.set(c);
        }
        net.corrupt(corruptedSites);
        for (int i = 0; i < n; i++) {
            SimSite s = sim.addSite("site-" + i);
            Site site = Site.builder("sim", i, n, t).keys(keys(n).get(i)).appia(s.appia()).network(net.layerFor(i)).build();
            sites.add(SiteRuntime.of(site));
        }
    }

    /** The keys of a simulated group of n sites: the same in every run of this JVM. */
    public static List<SiteKeys> keys(int n) {
        return KEYS.computeIfAbsent(n, size -> SiteKeys.dealInProcess(size, (size - 1) / 3, new SecureRandom()));
    }

    /** Site {@code i}, as the application API takes it. */
    public Site site(int i) {
        return sites.get(i).site();
    }

    public boolean isCorrupted(int site) {
        return corrupted.get(site);
    }

    public List<Integer> honest() {
        List<Integer> h = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            if (!corrupted.get(i)) {
                h.add(i);
            }
        }
        return h;
    }

    /** The corrupted sites, ascending. */
    public int[] corrupted() {
        return corrupted.stream().toArray();
    }

    /** An empty log of what the honest sites deliver, for the testkit's property checkers. */
    public <V> DeliveryLog<V> log() {
        return DeliveryLog.of(honest());
    }

    /** Sets the network adversary: all of {@code strategies}, each seeing every message. */
    public void attack(List<? extends Adversary> strategies) {
        net.adversary(Adversaries.all(strategies));
    }

    /** Runs until {@code done} or until nothing is left to do (at most a virtual minute). */
    public boolean runUntil(BooleanSupplier done) {
        return sim.runUntil(done, 60_000_000_000L);
    }

    public void runToQuiescence() {
        sim.runUntilQuiet(50_000_000);
    }
}
