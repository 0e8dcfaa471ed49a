package org.maftia.group.core;

import java.util.concurrent.atomic.LongAdder;

/** What the group session refused or could not place, for monitoring and tests. */
public final class GroupCounters {

    final LongAdder malformed = new LongAdder();
    final LongAdder unauthenticated = new LongAdder();
    final LongAdder rejectedByProtocol = new LongAdder();
    final LongAdder late = new LongAdder();
    final LongAdder pendingDropped = new LongAdder();
    final LongAdder delivered = new LongAdder();
    final LongAdder stageFull = new LongAdder();

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

    /** Messages for unknown instances dropped because the waiting room was full. */
    public long pendingDropped() {
        return pendingDropped.sum();
    }

    /** Messages handed to protocol instances. */
    public long delivered() {
        return delivered.sum();
    }

    /** Messages handed over unchecked because the verification stage was full; their handlers checked them. */
    public long stageFull() {
        return stageFull.sum();
    }
}
