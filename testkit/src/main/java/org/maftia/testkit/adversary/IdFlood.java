package org.maftia.testkit.adversary;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import org.maftia.testkit.net.Adversary;
import org.maftia.testkit.net.Envelope;
import org.maftia.testkit.net.SimulatedNetwork;

/**
 * What {@link FreshIdFlood} and {@link PredictableIdFlood} share: corrupted sites that, on a
 * message passing through the network, may send one honest site a burst of messages made from
 * one they saw, renamed to other instances, until a budget of messages is spent. A burst goes to
 * one site because what it aims at, the room a site keeps for instances it has not started, is
 * that site's. Every message is delivered as it is.
 */
abstract class IdFlood implements Adversary {

    protected final SplittableRandom random;
    private final Driven driven;
    private final Traffic traffic;
    private final double probability;
    private final int burst;
    private int budget;
    private long sent;

    /**
     * @param name        the strategy's name, for messages
     * @param random      the run's generator (a split of the simulation's), for determinism per seed
     * @param probability chance that a message passing through the network triggers a burst
     * @param burst       messages per burst
     * @param budget      messages at most, so the run still ends
     * @param sites       the corrupted sites that flood
     */
    IdFlood(String name, SplittableRandom random, double probability, int burst, int budget, int... sites) {
        if (burst < 1) {
            throw new IllegalArgumentException("a burst has at least one message, not " + burst);
        }
        this.driven = new Driven(name, sites);
        this.traffic = new Traffic(driven);
        this.random = random;
        this.probability = Chance.check(probability);
        this.burst = burst;
        this.budget = Chance.checkBudget(budget);
    }

    @Override
    public final Decision onMessage(Envelope message, SimulatedNetwork network) {
        traffic.remember(message, random);
        if (budget > 0 && !traffic.isEmpty() && random.nextDouble() < probability) {
            Traffic.Seen seen = traffic.pick(random);
            Optional<NamedFrame> frame = NamedFrame.find(seen.message().bytes());
            if (frame.isPresent()) {
                driven.requireCorrupted(network);
                int to = honestOtherThan(seen.site(), network);
                int count = Math.min(burst, budget);
                for (byte[] bytes : burst(frame.get(), count)) {
                    network.inject(seen.site(), to, seen.message().withBytes(bytes));
                }
                budget -= count;
                sent += count;
            }
        }
        return DELIVER;
    }

    /** {@code count} messages made from {@code template}, each under another name. */
    protected abstract List<byte[]> burst(NamedFrame template, int count);

    /** {@code name} cut so that with {@code suffix} it is still a name receivers take. */
    static String within(String name, String suffix) {
        return name.substring(0, Math.min(name.length(), NamedFrame.MAX_NAME - suffix.length())) + suffix;
    }

    /** Messages sent so far. */
    public final long sent() {
        return sent;
    }

    /** An honest site other than {@code from}, uniformly; any other site when none is honest. */
    private int honestOtherThan(int from, SimulatedNetwork network) {
        List<Integer> honest = new ArrayList<>();
        for (int s = 0; s < network.size(); s++) {
            if (s != from && !network.isCorrupted(s)) {
                honest.add(s);
            }
        }
        return honest.isEmpty() ? Chance.otherSite(from, network.size(), random) : honest.get(random.nextInt(honest.size()));
    }

    @Override
    public String toString() {
        return driven.toString();
    }
}
