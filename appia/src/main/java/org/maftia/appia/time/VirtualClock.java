package org.maftia.appia.time;

/**
 * Virtual time for the deterministic simulation: it stands still until its driver advances it.
 * Not thread-safe; the simulation runs on one thread.
 */
public final class VirtualClock implements Clock {

    private final long epochMillis;
    private long nanos;

    /** A clock whose millisecond reading starts at {@code epochMillis}. */
    public VirtualClock(long epochMillis) {
        this.epochMillis = epochMillis;
    }

    public VirtualClock() {
        this(0L);
    }

    @Override
    public long currentTimeMillis() {
        return epochMillis + nanos / 1_000_000L;
    }

    @Override
    public long nanoTime() {
        return nanos;
    }

    @Override
    public boolean isRealTime() {
        return false;
    }

    /** Nanoseconds elapsed since the clock was created. */
    public long elapsedNanos() {
        return nanos;
    }

    /** Moves the clock forward to {@code elapsedNanos}; time never goes backwards. */
    public void advanceTo(long elapsedNanos) {
        if (elapsedNanos < nanos) {
            throw new IllegalArgumentException(
                    "virtual time cannot go backwards: at " + nanos + " ns, asked for " + elapsedNanos);
        }
        nanos = elapsedNanos;
    }

    /** Converts a deadline on the millisecond scale into elapsed nanoseconds. */
    public long elapsedNanosAt(long millis) {
        return Math.max(0L, millis - epochMillis) * 1_000_000L;
    }
}
