package org.maftia.testkit.adversary;

import java.util.SplittableRandom;
import org.maftia.testkit.net.Adversary;
import org.maftia.testkit.net.Envelope;
import org.maftia.testkit.net.SimulatedNetwork;

/**
 * The corrupted sites and the network collude against one honest site: every message to or from
 * it is held back by an extra delay, and the corrupted sites send it nothing, so it hears only
 * from the other honest sites, and late. The delays are finite (at most {@code maxExtraNanos}),
 * as the asynchronous model's fair scheduling requires: the target is slowed, never cut off.
 */
public final class DelayHonestSite implements Adversary {

    private final int target;
    private final Driven colluders;
    private final long maxExtraNanos;
    private final SplittableRandom random;
    private long delayed;

    /**
     * @param random        the run's generator (a split of the simulation's), for determinism per seed
     * @param target        the honest site to slow down
     * @param maxExtraNanos the longest extra delay; each delayed message gets one in [max/2, max]
     * @param colluders     the corrupted sites, which ignore the target
     */
    public DelayHonestSite(SplittableRandom random, int target, long maxExtraNanos, int... colluders) {
        if (maxExtraNanos < 0) {
            throw new IllegalArgumentException("an extra delay is not negative: " + maxExtraNanos);
        }
        this.colluders = new Driven("DelayHonestSite", colluders);
        if (this.colluders.contains(target)) {
            throw new IllegalArgumentException("site " + target + " cannot both be delayed and collude");
        }
        this.target = target;
        this.maxExtraNanos = maxExtraNanos;
        this.random = random;
    }

    @Override
    public Decision onMessage(Envelope message, SimulatedNetwork network) {
        if (network.isCorrupted(target)) {
            throw new IllegalStateException("DelayHonestSite targets site " + target + ", which is corrupted: the target must be honest");
        }
        boolean toTarget = message.to() == target;
        if (toTarget && colluders.contains(message.from())) {
            colluders.requireCorrupted(network);
            return DROP;
        }
        if ((toTarget || message.from() == target) && message.from() != message.to()) {
            delayed++;
            return new Deliver(maxExtraNanos / 2 + random.nextLong(maxExtraNanos - maxExtraNanos / 2 + 1));
        }
        return DELIVER;
    }

    /** Messages to or from the target delayed so far. */
    public long delayed() {
        return delayed;
    }

    @Override
    public String toString() {
        return colluders + " against site " + target;
    }
}
