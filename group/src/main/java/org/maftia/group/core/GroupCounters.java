package org.maftia.group.core;

import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;

/** What the group session refused or could not place, for monitoring and tests. */
public final class GroupCounters {

    final LongAdder malformed = new LongAdder();
    final LongAdder unauthenticated = new LongAdder();
    final LongAdder rejectedByProtocol = new LongAdder();
    final LongAdder late = new LongAdder();
    private final LongAdder pendingDropped = new LongAdder();
    final LongAdder delivered = new LongAdder();
    final LongAdder stageFull = new LongAdder();
    private final AtomicLongArray pendingDroppedFrom;

    GroupCounters(int n) {
        pendingDroppedFrom = new AtomicLongArray(n);
    }

    /** A waiting message of {@code sender} dropped: refused or evicted from the full waiting room. */
    void dropWaiting(int sender) {
        pendingDropped.increment();
        pendingDroppedFrom.incrementAndGet(sender);
    }

    /** Envelopes that did not decode. */
    public long malformed() {
        return malformed.sum();
    }

    /** Events without an authenticated sender. */
    public long unauthenticated() {
        return unauthenticated.sum();
    }

    /** Messages a protocol refused as malformed or against its rules. */
    public long rejectedByProtocol() {
        return rejectedByProtocol.sum();
    }

    /** Messages for instances that already finished. */
    public long late() {
        return late.sum();
    }

    /** Messages for instances not started yet that the full waiting room refused or evicted. */
    public long pendingDropped() {
        return pendingDropped.sum();
    }

    /** Of {@link #pendingDropped()}, those sent by {@code sender}: a loud sender loses its own. */
    public long pendingDropped(int sender) {
        return pendingDroppedFrom.get(sender);
    }

    /** Messages handed to protocol instances. */
    public long delivered() {
        return delivered.sum();
    }

    /** Messages handed over unchecked because the verification stage was full or refused them; their handlers checked them. */
    public long stageFull() {
        return stageFull.sum();
    }
}
