package org.maftia.group.core;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;

/**
 * The verdicts of checks the verification stage ran ahead of the protocol thread (docs/architecture.md,
 * "Heavy crypto off the protocol thread"), for one site's keys. The stage runs a message's checks
 * through the same key objects the protocol uses; here they are computed and kept. When the
 * protocol then makes the same check, it takes the verdict instead of computing it.
 *
 * <p>A check is a pure function of its inputs, so a kept verdict is exactly what the protocol
 * would compute: the memo cannot be poisoned, only missed. A verdict is taken as many times as
 * the stage was asked for it (several messages may carry the same check). Verdicts nobody takes
 * (a duplicate, a message for a finished instance, a coin share after the coin) are evicted
 * oldest first beyond {@link #CAPACITY}, so memory stays bounded whatever peers send.
 */
public final class VerifiedAhead {

    /** Verdicts kept waiting for the protocol thread: more than the stage has in flight at once. */
    static final int CAPACITY = 16_384;

    private static final ThreadLocal<Boolean> IN_STAGE = ThreadLocal.withInitial(() -> Boolean.FALSE);

    /** One check: what kind, on which message, of which holder's share or signature. */
    record Check(int kind, byte[] message, int index, byte[] data) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Check c && c.kind == kind && c.index == index && Arrays.equals(c.message, message)
                    && Arrays.equals(c.data, data);
        }

        @Override
        public int hashCode() {
            return ((kind * 31 + index) * 31 + Arrays.hashCode(message)) * 31 + Arrays.hashCode(data);
        }
    }

    /** A verdict and how many handlers are still to take it (equal checks of several messages). */
    private static final class Kept {
        final Object verdict;
        int takers = 1;

        Kept(Object verdict) {
            this.verdict = verdict;
        }
    }

    private final Map<Check, Kept> verdicts = new LinkedHashMap<>(1024, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Check, Kept> eldest) {
            return size() > CAPACITY;
        }
    };
    private final LongAdder ahead = new LongAdder();
    private final LongAdder taken = new LongAdder();
    private final LongAdder inline = new LongAdder();

    /** Runs {@code checks} as the verification stage: the checks made through the keys are kept. */
    public static void asStage(Runnable checks) {
        IN_STAGE.set(Boolean.TRUE);
        try {
            checks.run();
        } finally {
            IN_STAGE.set(Boolean.FALSE);
        }
    }

    /**
     * The verdict of {@code check}: in the stage, computed and kept; on the protocol thread, the
     * kept one if the stage computed it, else computed now.
     */
    @SuppressWarnings("unchecked")
    <V> V verdict(Check check, Supplier<V> compute) {
        if (IN_STAGE.get()) {
            synchronized (verdicts) {
                Kept kept = verdicts.get(check);
                if (kept != null) {
                    // Another message carries the same check (e.g. a justification several parties show).
                    kept.takers++;
                    return (V) kept.verdict;
                }
            }
            V verdict = compute.get();
            synchronized (verdicts) {
                Kept kept = verdicts.get(check);
                if (kept != null) {
                    kept.takers++;
                } else {
                    verdicts.put(check, new Kept(verdict));
                }
            }
            ahead.increment();
            return verdict;
        }
        Kept kept;
        synchronized (verdicts) {
            kept = verdicts.get(check);
            if (kept != null && --kept.takers == 0) {
                verdicts.remove(check);
            }
        }
        if (kept != null) {
            taken.increment();
            return (V) kept.verdict;
        }
        inline.increment();
        return compute.get();
    }

    /** Checks the stage computed. */
    public long computedAhead() {
        return ahead.sum();
    }

    /** Checks the protocol thread found computed ahead. */
    public long takenAhead() {
        return taken.sum();
    }

    /** Checks the protocol thread had to compute itself. */
    public long computedInline() {
        return inline.sum();
    }

    /** Verdicts waiting to be taken, for tests. */
    int waiting() {
        synchronized (verdicts) {
            return verdicts.size();
        }
    }
}
