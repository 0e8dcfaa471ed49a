package org.maftia.appia.time;

/**
 * The time an Appia instance runs on. Protocol code reads time only from here (through its
 * channel), never from {@code System}, so the same code runs on wall-clock time in a site and on
 * virtual time in the deterministic simulation.
 */
public interface Clock {

    /** The local clock in milliseconds; never goes backwards. Timer deadlines use this scale. */
    long currentTimeMillis();

    /** A monotonic reading in nanoseconds, for measuring durations. */
    long nanoTime();

    /**
     * Whether this clock advances by itself. A real-time Appia waits on it; a virtual clock only
     * moves when its driver advances it, so an Appia on it is stepped by that driver instead.
     */
    boolean isRealTime();
}
