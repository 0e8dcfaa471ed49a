package org.maftia.testkit.adversary;

import java.util.SplittableRandom;
import org.maftia.testkit.net.Adversary;
import org.maftia.testkit.net.Envelope;
import org.maftia.testkit.net.SimulatedNetwork;

/**
 * What {@link GarbageFlood} and {@link Replay} share: corrupted sites that, on each message passing
 * through the network, may inject one message of their own made from the traffic seen so far,
 * until a budget is spent (so the run still ends). Every message is delivered as it is.
 */
abstract class TrafficInjector implements Adversary {

    protected final Driven driven;
    protected final Traffic traffic;
    protected final SplittableRandom random;
    private final double probability;
    private int budget;
    private long injected;

    /**
     * @param name        the strategy's name, for messages
     * @param random      the run's generator (a split of the simulation's), for determinism per seed
     * @param probability chance that a message passing through the network triggers an injection
     * @param budget      injections at most
     * @param sites       the corrupted sites that inject
     */
    TrafficInjector(String name, SplittableRandom random, double probability, int budget, int... sites) {
        this.driven = new Driven(name, sites);
        this.traffic = new Traffic(driven);
        this.random = random;
        this.probability = Chance.check(probability);
        this.budget = Chance.checkBudget(budget);
    }

    @Override
    public final Decision onMessage(Envelope message, SimulatedNetwork network) {
        traffic.remember(message, random);
        if (budget > 0 && canInject() && random.nextDouble() < probability) {
            driven.requireCorrupted(network);
            inject(message, network);
            budget--;
            injected++;
        }
        return DELIVER;
    }

    /** True when there is something to make an injection from. */
    protected boolean canInject() {
        return true;
    }

    /** Injects one message; {@code message} is the one passing through the network now. */
    protected abstract void inject(Envelope message, SimulatedNetwork network);

    /** Messages injected so far. */
    protected final long injected() {
        return injected;
    }

    @Override
    public String toString() {
        return driven.toString();
    }
}
