package org.maftia.group.stream;

import java.util.ArrayDeque;
import org.maftia.group.core.ProtocolInstance;

/**
 * One lane's delivered sub-broadcasts that this party keeps running, oldest first, so that a party
 * that has not delivered them yet can still get their payload from this one (Protocol 5, lines
 * 20-27), with the bytes they hold. Past {@code budget} bytes the oldest is finished even though a
 * party may still need it: the price of bounded memory (see {@link Aggregation}).
 */
final class KeptInstances {

    /** What a kept instance is charged besides its payload: its votes, digests and session entry. */
    static final int INSTANCE_BYTES = 4096;

    private record Kept(long k, ProtocolInstance<?> instance, long bytes) {
    }

    private final ArrayDeque<Kept> kept = new ArrayDeque<>();
    private final long budget;
    private long bytes;

    KeptInstances(long budget) {
        this.budget = budget;
    }

    /**
     * The lane's instance {@code k} delivered an entry of {@code entryBytes}: kept, and the oldest
     * finished while the lane is over its budget. Returns how many were finished so.
     */
    int keep(long k, ProtocolInstance<?> instance, int entryBytes) {
        Kept added = new Kept(k, instance, (long) entryBytes + INSTANCE_BYTES);
        kept.add(added);
        bytes += added.bytes();
        int overBudget = 0;
        while (bytes > budget) {
            finishOldest();
            overBudget++;
        }
        return overBudget;
    }

    /** Every party has delivered the lane's entries below {@code next}: their instances are no longer needed. */
    void finishBelow(long next) {
        while (!kept.isEmpty() && kept.peek().k() < next) {
            finishOldest();
        }
    }

    void finishAll() {
        while (!kept.isEmpty()) {
            finishOldest();
        }
    }

    private void finishOldest() {
        Kept oldest = kept.poll();
        bytes -= oldest.bytes();
        oldest.instance().finish();
    }
}
