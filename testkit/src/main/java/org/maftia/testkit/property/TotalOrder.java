package org.maftia.testkit.property;

import java.util.List;

/**
 * Total order (atomic broadcast, spec 5.2.1.6-7): honest sites deliver the same values in the
 * same order. While a run goes on, one site may be ahead of another ({@link #prefixes}); once
 * every site delivered everything, the sequences are equal ({@link #identical}).
 */
public final class TotalOrder {

    private TotalOrder() {
    }

    /** Of any two honest sites' sequences, one is a prefix of the other. */
    public static <V> void prefixes(DeliveryLog<V> log) {
        compare(log, false);
    }

    /** Every honest site delivered the same sequence. */
    public static <V> void identical(DeliveryLog<V> log) {
        compare(log, true);
    }

    /** Compares every sequence with a longest one: all prefixes of it means any two are prefixes of each other. */
    private static <V> void compare(DeliveryLog<V> log, boolean sameLength) {
        int longest = log.sites().getFirst();
        for (int site : log.sites()) {
            if (log.at(site).size() > log.at(longest).size()) {
                longest = site;
            }
        }
        List<V> reference = log.at(longest);
        for (int site : log.sites()) {
            List<V> other = log.at(site);
            for (int k = 0; k < other.size(); k++) {
                if (!Values.equal(reference.get(k), other.get(k))) {
                    throw new PropertyViolation("total order", ordered(longest, site), "position " + k + " is "
                            + Values.show(reference.get(k)) + " at site " + longest + " but " + Values.show(other.get(k))
                            + " at site " + site + " (" + log.what() + ")");
                }
            }
            if (sameLength && other.size() < reference.size()) {
                throw new PropertyViolation("total order", ordered(longest, site), "site " + longest + " delivered "
                        + reference.size() + " values, site " + site + " only " + other.size() + ", lacking "
                        + Values.show(reference.subList(other.size(), reference.size())) + " (" + log.what() + ")");
            }
        }
    }

    private static List<Integer> ordered(int a, int b) {
        return List.of(Math.min(a, b), Math.max(a, b));
    }
}
