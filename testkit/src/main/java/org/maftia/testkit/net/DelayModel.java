package org.maftia.testkit.net;

import java.util.SplittableRandom;

/** How long a message takes on the link from one site to another, drawn from the simulation's generator. */
@FunctionalInterface
public interface DelayModel {

    long delayNanos(int from, int to, SplittableRandom random);

    /** Uniform in [min, max] nanoseconds. */
    static DelayModel uniform(long minNanos, long maxNanos) {
        if (minNanos < 0 || maxNanos < minNanos) {
            throw new IllegalArgumentException("need 0 <= min <= max, not [" + minNanos + ", " + maxNanos + "]");
        }
        return (from, to, random) -> minNanos == maxNanos ? minNanos : minNanos + random.nextLong(maxNanos - minNanos + 1);
    }

    /** A fixed base plus an exponential tail of the given mean: mostly fast, sometimes slow. */
    static DelayModel exponential(long baseNanos, long meanExtraNanos) {
        return (from, to, random) -> baseNanos + (long) (-Math.log(1 - random.nextDouble()) * meanExtraNanos);
    }
}
