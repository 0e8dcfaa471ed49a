package org.maftia.ttcb.core;

import java.util.concurrent.atomic.AtomicLong;

/**
 * What a local TTCB counted: dropped input, and every timing failure it saw of itself or of the
 * control network (a late decision is one: a proposal or an R-delivery later than formulas
 * 4.1-4.3 allow). Atomic so another thread may read them.
 */
public final class Counters {
    public final AtomicLong framesMalformed = new AtomicLong();
    /** Control frames the receiving thread dropped: from no member's address, or not sealed by the sender they name. */
    public final AtomicLong framesForged = new AtomicLong();
    /** Authentic control frames dropped because their sender already had its share of the TTCB thread's queue. */
    public final AtomicLong controlQueueFull = new AtomicLong();
    public final AtomicLong copiesDiscarded = new AtomicLong();
    public final AtomicLong fromCrashed = new AtomicLong();
    public final AtomicLong fromFuture = new AtomicLong();
    public final AtomicLong inboxFull = new AtomicLong();
    public final AtomicLong rDelivered = new AtomicLong();
    public final AtomicLong neverDelivered = new AtomicLong();
    public final AtomicLong lateDeliveries = new AtomicLong();
    public final AtomicLong lateProposals = new AtomicLong();
    public final AtomicLong foreignProposals = new AtomicLong();
    public final AtomicLong crashesDetected = new AtomicLong();
    public final AtomicLong callsRefused = new AtomicLong();
    public final AtomicLong localFailuresDetected = new AtomicLong();
    public final AtomicLong distributedFailuresDetected = new AtomicLong();
    public final AtomicLong execLate = new AtomicLong();
    public final AtomicLong wcetOverruns = new AtomicLong();
    public final AtomicLong handlersRun = new AtomicLong();
    public final AtomicLong maxDetectionLatency = new AtomicLong();
    /** Broadcast or receive routines that ran later than their WCET after their instant (the local TTCB then halted). */
    public final AtomicLong lateRounds = new AtomicLong();
    /** The largest delay seen between a broadcast or receive round's instant and when its routine ran (hardware clock). */
    public final AtomicLong maxRoundLateness = new AtomicLong();

    /** Timing failures of the TTCB itself: each means a bound of 4.1-4.3 or a WCET did not hold. */
    public long timingFailures() {
        return lateDeliveries.get() + lateProposals.get() + lateRounds.get() + execLate.get() + wcetOverruns.get();
    }

    void detectionLatency(long nanos) {
        maxDetectionLatency.accumulateAndGet(nanos, Math::max);
    }

    @Override
    public String toString() {
        return "rDelivered=" + rDelivered + " malformed=" + framesMalformed + " forged=" + framesForged
                + " controlQueueFull=" + controlQueueFull + " copies=" + copiesDiscarded
                + " fromCrashed=" + fromCrashed + " lateDeliveries=" + lateDeliveries + " lateProposals=" + lateProposals
                + " lateRounds=" + lateRounds + " maxRoundLatenessNs=" + maxRoundLateness + " neverDelivered=" + neverDelivered + " crashes=" + crashesDetected
                + " callsRefused=" + callsRefused + " localTF=" + localFailuresDetected + " distTF=" + distributedFailuresDetected;
    }
}
