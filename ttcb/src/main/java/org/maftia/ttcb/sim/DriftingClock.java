package org.maftia.ttcb.sim;

import org.maftia.appia.time.Clock;

/**
 * The hardware clock of one simulated host: the loop's time with a constant offset and drift
 * rate, so that clock synchronisation has something to correct.
 */
public final class DriftingClock implements Clock {

    private final Clock base;
    private final long offsetNanos;
    private final long driftPpm;

    public DriftingClock(Clock base, long offsetNanos, long driftPpm) {
        this.base = base;
        this.offsetNanos = offsetNanos;
        this.driftPpm = driftPpm;
    }

    @Override
    public long currentTimeMillis() {
        return nanoTime() / 1_000_000L;
    }

    @Override
    public long nanoTime() {
        long t = base.nanoTime();
        return offsetNanos + t + t * driftPpm / 1_000_000L;
    }

    @Override
    public boolean isRealTime() {
        return base.isRealTime();
    }

    /** The loop time that elapses while this clock advances {@code localNanos}. */
    long toBase(long localNanos) {
        if (localNanos <= 0) {
            return 0;
        }
        // Rounded up, so the local clock has surely advanced localNanos when the task runs.
        return Math.max(1, (localNanos * 1_000_000L + 1_000_000L + driftPpm - 1) / (1_000_000L + driftPpm));
    }
}
