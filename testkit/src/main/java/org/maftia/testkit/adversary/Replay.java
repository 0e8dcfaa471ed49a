package org.maftia.testkit.adversary;

import java.util.SplittableRandom;
import org.maftia.testkit.net.Envelope;
import org.maftia.testkit.net.SimulatedNetwork;

/**
 * Corrupted sites that send old messages again: their own earlier messages, to their first
 * receiver or any other, and messages they received, reflected in their own name (links are
 * authenticated, so that is all a replay can be). Each message passing through the network gives
 * a chance to replay one, until the budget is spent.
 */
public final class Replay extends TrafficInjector {

    /**
     * @param random      the run's generator (a split of the simulation's), for determinism per seed
     * @param probability chance that a message passing through the network triggers a replay
     * @param budget      replays at most, so the run still ends
     * @param sites       the corrupted sites that replay
     */
    public Replay(SplittableRandom random, double probability, int budget, int... sites) {
        super("Replay", random, probability, budget, sites);
    }

    @Override
    protected boolean canInject() {
        return !traffic.isEmpty();
    }

    @Override
    protected void inject(Envelope message, SimulatedNetwork network) {
        Traffic.Seen old = traffic.pick(random);
        int to = Chance.otherSite(old.site(), network.size(), random);
        network.inject(old.site(), to, old.message().withBytes(old.message().bytes()));
    }

    /** Messages replayed so far. */
    public long replayed() {
        return injected();
    }
}
