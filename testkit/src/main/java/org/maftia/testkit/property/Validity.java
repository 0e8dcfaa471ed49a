package org.maftia.testkit.property;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Validity in its three forms in the specification: a decision is a value an honest party
 * proposed (binary and multi-valued agreement); a decision satisfies the external predicate
 * (validated agreement, spec 5.2.1.2-3); what honest parties broadcast is delivered by every
 * honest party (the broadcasts and streams).
 */
public final class Validity {

    private Validity() {
    }

    /** Every value decided by an honest site is one of {@code honestProposals}. */
    public static <V> void proposed(DeliveryLog<V> log, Collection<? extends V> honestProposals) {
        Set<Values.Key> proposed = new HashSet<>();
        honestProposals.forEach(p -> proposed.add(new Values.Key(p)));
        for (int site : log.sites()) {
            for (V v : log.at(site)) {
                if (!proposed.contains(new Values.Key(v))) {
                    throw new PropertyViolation("validity", List.of(site), "decided " + Values.show(v)
                            + ", which no honest party proposed; they proposed " + Values.show(List.copyOf(honestProposals)));
                }
            }
        }
    }

    /** Every value decided by an honest site satisfies {@code predicate}, described as {@code name}. */
    public static <V> void external(DeliveryLog<V> log, String name, Predicate<? super V> predicate) {
        for (int site : log.sites()) {
            for (V v : log.at(site)) {
                if (!predicate.test(v)) {
                    throw new PropertyViolation("external validity", List.of(site), "decided " + Values.show(v)
                            + ", which fails the predicate " + name);
                }
            }
        }
    }

    /** Every honest site delivered every value of {@code sentByHonest}. */
    public static <V> void delivered(DeliveryLog<V> log, Collection<? extends V> sentByHonest) {
        for (int site : log.sites()) {
            Set<Values.Key> got = new HashSet<>();
            log.at(site).forEach(v -> got.add(new Values.Key(v)));
            List<V> missing = new ArrayList<>();
            for (V v : sentByHonest) {
                if (!got.contains(new Values.Key(v))) {
                    missing.add(v);
                }
            }
            if (!missing.isEmpty()) {
                throw new PropertyViolation("validity", List.of(site), "never delivered " + Values.show(missing)
                        + " of the " + sentByHonest.size() + " values honest parties sent; it delivered "
                        + Values.show(log.at(site)));
            }
        }
    }
}
