package org.maftia.testkit.property;

import java.util.Map;

/**
 * Consistency for a bank (spec 3.3.1: transactions "preserve application specific invariants"):
 * transfers move money between accounts and never make or lose any, so the balances' sum is what
 * it was before the first transaction.
 */
public final class Conservation {

    private Conservation() {
    }

    /**
     * The values in {@code finalValues} sum to those in {@code initial}.
     *
     * @throws PropertyViolation giving both sums and their difference
     */
    public static void check(Map<String, Long> initial, Map<String, Long> finalValues) {
        long before = initial.values().stream().mapToLong(Long::longValue).sum();
        long after = finalValues.values().stream().mapToLong(Long::longValue).sum();
        if (before != after) {
            throw new PropertyViolation("conservation", "the objects sum to " + after + " but summed to " + before
                    + " initially (" + (after > before ? "+" : "") + (after - before) + ") over " + finalValues.keySet());
        }
    }
}
