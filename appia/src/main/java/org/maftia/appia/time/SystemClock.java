package org.maftia.appia.time;

/**
 * Wall-clock time made monotonic: anchored to {@link System#currentTimeMillis()} when created,
 * advanced by {@link System#nanoTime()}, so a clock step on the host never runs timers backwards.
 */
public final class SystemClock implements Clock {

    private final long epochMillisAtStart = System.currentTimeMillis();
    private final long nanosAtStart = System.nanoTime();

    @Override
    public long currentTimeMillis() {
        return epochMillisAtStart + (System.nanoTime() - nanosAtStart) / 1_000_000L;
    }

    @Override
    public long nanoTime() {
        return System.nanoTime();
    }

    @Override
    public boolean isRealTime() {
        return true;
    }
}
