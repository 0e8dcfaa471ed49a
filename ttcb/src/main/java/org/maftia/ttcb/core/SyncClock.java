package org.maftia.ttcb.core;

import org.maftia.appia.time.Clock;

/**
 * The synchronised clock of a local TTCB (spec 2.2.4.1): the hardware reading plus a correction
 * that {@link ClockSync} adjusts. It never goes backwards: after a negative correction it stands
 * still until the corrected reading catches up (an amortised step, not a jump back).
 */
public final class SyncClock {

    private final Clock hardware;
    private long correction;
    private long last = Long.MIN_VALUE;
    private boolean synchronised;

    public SyncClock(Clock hardware) {
        this.hardware = hardware;
    }

    /** The TTCB timestamp now, in nanoseconds. */
    public long now() {
        long raw = hardware.nanoTime() + correction;
        if (raw > last) {
            last = raw;
        }
        return last;
    }

    /** What this clock read (or will read) when the hardware clock read {@code hardwareNanos}. */
    public long at(long hardwareNanos) {
        return hardwareNanos + correction;
    }

    public long hardwareNow() {
        return hardware.nanoTime();
    }

    /** Converts a span of synchronised time into a delay on the hardware clock. */
    public long delayUntil(long syncInstant) {
        return Math.max(0, syncInstant - (hardware.nanoTime() + correction));
    }

    void adjust(long delta) {
        correction += delta;
    }

    public long correction() {
        return correction;
    }

    public boolean isSynchronised() {
        return synchronised;
    }

    void markSynchronised() {
        synchronised = true;
    }
}
