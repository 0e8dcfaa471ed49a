package org.maftia.ttcb.core;

import org.maftia.appia.time.Clock;

/**
 * Where a local TTCB runs: its hardware clock and one thread of timed tasks. Every routine of the
 * local TTCB (the broadcast and receive rounds of Protocols 1-2, timers of the time services, the
 * entity calls) runs through {@link #schedule} or {@link #execute}, one at a time, so the protocol
 * code is single-threaded. The deterministic simulation gives virtual time; the daemon a
 * single-thread executor on the wall clock.
 */
public interface TtcbScheduler {

    /** The local hardware clock; {@link Clock#nanoTime()} is the reading the TTCB synchronises. */
    Clock clock();

    /** Runs {@code task} after {@code delayNanos} of local clock time; the handle cancels it. */
    Cancellable schedule(long delayNanos, Runnable task);

    /** Runs {@code task} as soon as possible on the TTCB's thread. */
    default void execute(Runnable task) {
        schedule(0, task);
    }

    /** A scheduled task that can be called off. */
    interface Cancellable {
        void cancel();
    }
}
