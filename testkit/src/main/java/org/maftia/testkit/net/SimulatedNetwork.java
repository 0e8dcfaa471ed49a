package org.maftia.testkit.net;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.SplittableRandom;
import org.maftia.appia.Channel;
import org.maftia.appia.Direction;
import org.maftia.appia.Layer;
import org.maftia.appia.SendableEvent;
import org.maftia.net.transport.AllSites;
import org.maftia.net.transport.SiteId;
import org.maftia.testkit.sim.Simulation;

/**
 * The network of a {@link Simulation}: per-link delays from a {@link DelayModel}, loss and
 * duplication with given probabilities, reordering as delays fall, partitions whose messages wait
 * until they heal, and an {@link Adversary}. Every random choice comes from the simulation's
 * generator, so a seed replays the same deliveries in the same order.
 *
 * <p>Messages between honest sites are never lost while {@code lossProbability} is 0 (the reliable
 * links the asynchronous protocols assume); only the adversary decides when they arrive.
 */
public final class SimulatedNetwork {

    /** Counters of what the network did. */
    public record Stats(long sent, long delivered, long lost, long duplicated, long droppedByAdversary,
                        long injected, long heldByPartition) {
    }

    private record Held(int from, int to, SendableEvent event) {
    }

    private final Simulation sim;
    private final int n;
    private final Channel[] channels;
    private final BitSet corrupted = new BitSet();
    private final BitSet down = new BitSet();
    private final List<Held> held = new ArrayList<>();
    private DelayModel delays = DelayModel.uniform(500_000, 5_000_000);
    private double lossProbability;
    private double duplicationProbability;
    private Adversary adversary = Adversary.NONE;
    private int[] partitionSide;
    private long sent;
    private long delivered;
    private long lost;
    private long duplicated;
    private long droppedByAdversary;
    private long injected;
    private long heldByPartition;

    public SimulatedNetwork(Simulation sim, int n) {
        this.sim = sim;
        this.n = n;
        this.channels = new Channel[n];
    }

    /** The number of sites, 0 to size() - 1. */
    public int size() {
        return n;
    }

    /** The bottom layer for site {@code site}'s channel. */
    public Layer layerFor(int site) {
        checkSite(site);
        return new SimNetworkLayer(this, site);
    }

    public SimulatedNetwork delays(DelayModel model) {
        this.delays = model;
        return this;
    }

    /** Probability that any message is lost (0 for the reliable links of the asynchronous model). */
    public SimulatedNetwork loss(double probability) {
        this.lossProbability = probability(probability);
        return this;
    }

    public SimulatedNetwork duplication(double probability) {
        this.duplicationProbability = probability(probability);
        return this;
    }

    public SimulatedNetwork adversary(Adversary adversary) {
        this.adversary = adversary;
        return this;
    }

    /** Marks sites as corrupted: the adversary controls their messages. */
    public SimulatedNetwork corrupt(int... sites) {
        for (int s : sites) {
            checkSite(s);
            corrupted.set(s);
        }
        return this;
    }

    public boolean isCorrupted(int site) {
        return corrupted.get(site);
    }

    /**
     * Splits the sites into the given sides; sites not named form one more side. Messages between
     * sides wait until {@link #heal()}; messages already in flight still arrive.
     */
    public void partition(int[]... sides) {
        int[] side = new int[n];
        Arrays.fill(side, sides.length);
        for (int k = 0; k < sides.length; k++) {
            for (int s : sides[k]) {
                checkSite(s);
                side[s] = k;
            }
        }
        partitionSide = side;
    }

    /**
     * The site's process is down (crashed, or stopped to be restarted): what it sends and what is
     * sent to it from now on are lost, as a real network loses them with the connections of a
     * process that died; messages already in flight still arrive. Unlike the adversary's drops,
     * this may hit an honest site: a crash is not a Byzantine fault.
     */
    public void down(int site) {
        checkSite(site);
        down.set(site);
    }

    /** The site's process is up again: its messages travel from now on. */
    public void up(int site) {
        checkSite(site);
        down.clear(site);
    }

    /** Ends the partition; the messages it held leave now, each with a fresh delay. */
    public void heal() {
        partitionSide = null;
        List<Held> release = new ArrayList<>(held);
        held.clear();
        for (Held h : release) {
            schedule(h.from(), h.to(), h.event(), 0);
        }
    }

    public Stats stats() {
        return new Stats(sent, delivered, lost, duplicated, droppedByAdversary, injected, heldByPartition);
    }

    /**
     * Injects a message in the name of a corrupted site; it travels like any other.
     *
     * @throws IllegalArgumentException if {@code from} is honest: the adversary cannot forge
     */
    public void inject(int from, int to, SendableEvent event) {
        checkSite(from);
        checkSite(to);
        if (!corrupted.get(from)) {
            throw new IllegalArgumentException("site " + from + " is honest: the adversary cannot send in its name");
        }
        injected++;
        event.source = SiteId.of(from);
        schedule(from, to, event, 0);
    }

    void attach(int site, Channel channel) {
        channels[site] = channel;
    }

    /** Site {@code from}'s network session sends {@code event} to its dest. */
    void send(int from, SendableEvent event) {
        switch (event.dest) {
            case SiteId to when to.id() < n -> submit(from, to.id(), event);
            case AllSites all -> {
                for (int to = 0; to < n; to++) {
                    submit(from, to, to == n - 1 ? event : copy(event));
                }
            }
            case null, default -> throw new IllegalArgumentException("site " + from + " sent a "
                    + event.getClass().getSimpleName() + " to " + event.dest + ", which is not a site of the simulation");
        }
    }

    private void submit(int from, int to, SendableEvent event) {
        sent++;
        event.source = SiteId.of(from);
        SplittableRandom random = sim.random();
        if (down.get(from) || down.get(to)) {
            lost++;
            return;
        }
        Adversary.Decision decision = adversary.onMessage(new Envelope(from, to, copy(event), sim.nowNanos()), this);
        long extra = switch (decision) {
            case Adversary.Drop drop -> {
                if (!corrupted.get(from)) {
                    throw new IllegalStateException("the adversary tried to drop a message of honest site " + from);
                }
                droppedByAdversary++;
                yield -1;
            }
            case Adversary.Deliver d -> d.extraDelayNanos();
        };
        if (extra < 0) {
            return;
        }
        if (from != to && lossProbability > 0 && random.nextDouble() < lossProbability) {
            lost++;
            return;
        }
        schedule(from, to, event, extra);
        if (from != to && duplicationProbability > 0 && random.nextDouble() < duplicationProbability) {
            duplicated++;
            schedule(from, to, copy(event), extra);
        }
    }

    private void schedule(int from, int to, SendableEvent event, long extraNanos) {
        if (partitionSide != null && partitionSide[from] != partitionSide[to]) {
            heldByPartition++;
            held.add(new Held(from, to, event));
            return;
        }
        long delay = from == to ? 0 : delays.delayNanos(from, to, sim.random());
        sim.schedule(delay + extraNanos, () -> deliver(to, event));
    }

    private void deliver(int to, SendableEvent event) {
        Channel channel = channels[to];
        if (channel == null || !channel.isStarted()) {
            lost++;
            return;
        }
        delivered++;
        new SimDeliveryEvent(event).asyncGo(channel, Direction.up());
    }

    private static SendableEvent copy(SendableEvent event) {
        try {
            return (SendableEvent) event.cloneEvent();
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException(event.getClass() + " cannot be copied", e);
        }
    }

    private void checkSite(int site) {
        if (site < 0 || site >= n) {
            throw new IllegalArgumentException("site " + site + " is not in this network of " + n + " sites");
        }
    }

    private static double probability(double p) {
        if (!(p >= 0 && p <= 1)) {
            throw new IllegalArgumentException("a probability is in [0, 1], not " + p);
        }
        return p;
    }
}
