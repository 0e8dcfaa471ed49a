package org.maftia.testkit.property;

import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

/**
 * Integrity: an honest site delivers a value at most once, and only what its sender sent; on a
 * stream, an honest sender's values in the order it sent them. The sender of a value is what
 * {@code origin} says of it (payloads that name their sender, entries that carry it).
 */
public final class Integrity {

    private Integrity() {
    }

    /** Every honest site decided or delivered at most one value (single-shot protocols). */
    public static <V> void once(DeliveryLog<V> log) {
        for (int site : log.sites()) {
            List<V> got = log.at(site);
            if (got.size() > 1) {
                throw new PropertyViolation("integrity", List.of(site), "delivered " + got.size() + " times, "
                        + Values.show(got) + ", where the protocol delivers once (" + log.what() + ")");
            }
        }
    }

    /** No honest site delivered the same value twice. */
    public static <V> void noDuplicates(DeliveryLog<V> log) {
        for (int site : log.sites()) {
            Set<Values.Key> seen = new HashSet<>();
            List<V> got = log.at(site);
            for (int k = 0; k < got.size(); k++) {
                if (!seen.add(new Values.Key(got.get(k)))) {
                    throw new PropertyViolation("integrity", List.of(site), "delivered " + Values.show(got.get(k))
                            + " twice, again as its delivery " + k + " (" + log.what() + ")");
                }
            }
        }
    }

    /**
     * Every delivered value whose origin is a key of {@code sentBy} is among what that origin sent;
     * values of other origins are not checked.
     */
    public static <V> void onlySent(DeliveryLog<V> log, Function<? super V, Integer> origin,
                                    Map<Integer, ? extends Collection<? extends V>> sentBy) {
        Map<Integer, Set<Values.Key>> sent = new HashMap<>();
        sentBy.forEach((o, values) -> {
            Set<Values.Key> keys = new HashSet<>();
            values.forEach(v -> keys.add(new Values.Key(v)));
            sent.put(o, keys);
        });
        for (int site : log.sites()) {
            for (V v : log.at(site)) {
                Integer o = origin.apply(v);
                Set<Values.Key> allowed = sent.get(o);
                if (allowed != null && !allowed.contains(new Values.Key(v))) {
                    throw new PropertyViolation("integrity", List.of(site), "delivered " + Values.show(v) + " as sent by P"
                            + o + ", which sent only " + Values.show(List.copyOf(sentBy.get(o))));
                }
            }
        }
    }

    /**
     * For every origin in {@code sentBy}: what each honest site delivered from it is a prefix of
     * what it sent, in its order (FIFO, at most once, nothing it did not send).
     */
    public static <V> void fifo(DeliveryLog<V> log, Function<? super V, Integer> origin,
                                Map<Integer, ? extends List<? extends V>> sentBy) {
        for (int site : log.sites()) {
            for (var e : sentBy.entrySet()) {
                int o = e.getKey();
                List<V> got = log.at(site).stream().filter(v -> Objects.equals(origin.apply(v), o)).toList();
                List<? extends V> sent = e.getValue();
                for (int k = 0; k < got.size(); k++) {
                    if (k >= sent.size() || !Values.equal(got.get(k), sent.get(k))) {
                        throw new PropertyViolation("integrity", List.of(site), "delivered " + Values.show(got.get(k))
                                + " as P" + o + "'s value " + k + ", but P" + o + " sent, in order, " + Values.show(sent));
                    }
                }
            }
        }
    }
}
