package org.maftia.ttcb.daemon;

import org.maftia.appia.time.Clock;

/**
 * The hardware clock of a daemon: nanoseconds since the Unix epoch, anchored to the wall clock at
 * start and advanced by {@link System#nanoTime()} (monotonic). Daemons on different hosts start
 * close to each other; clock synchronisation removes the rest.
 */
public final class EpochClock implements Clock {

    private final long epochNanosAtStart;
    private final long nanosAtStart = System.nanoTime();

    public EpochClock() {
        java.time.Instant now = java.time.Instant.now();
        this.epochNanosAtStart = now.getEpochSecond() * 1_000_000_000L + now.getNano();
    }

    @Override
    public long currentTimeMillis() {
        return nanoTime() / 1_000_000L;
    }

    @Override
    public long nanoTime() {
        return epochNanosAtStart + (System.nanoTime() - nanosAtStart);
    }

    @Override
    public boolean isRealTime() {
        return true;
    }
}
