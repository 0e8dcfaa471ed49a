package org.maftia.testkit.property;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.IntPredicate;

/**
 * Termination under fair scheduling: in a run whose messages between honest sites all arrive
 * after finite delays (the simulated network and every strategy of
 * {@link org.maftia.testkit.adversary} keep to that), every honest site decides or delivers what
 * the protocol promises. Checked once the run stopped, at its deadline or quiescent.
 */
public final class Termination {

    private Termination() {
    }

    /** Every honest site delivered at least {@code count} values. */
    public static <V> void delivered(DeliveryLog<V> log, int count) {
        List<Integer> lagging = new ArrayList<>();
        for (int site : log.sites()) {
            if (log.at(site).size() < count) {
                lagging.add(site);
            }
        }
        if (!lagging.isEmpty()) {
            throw new PropertyViolation("termination", lagging, "delivered only " + lagging.stream().map(s -> log.at(s).size()).toList()
                    + " of " + count + " " + log.what() + " by the end of the run");
        }
    }

    /** Every site of {@code honest} reached the state {@code reached}, described as {@code what} ("decided", "closed"). */
    public static void reached(Collection<Integer> honest, String what, IntPredicate reached) {
        List<Integer> not = honest.stream().filter(s -> !reached.test(s)).sorted().toList();
        if (!not.isEmpty()) {
            throw new PropertyViolation("termination", not, "never " + what + " by the end of the run");
        }
    }
}
