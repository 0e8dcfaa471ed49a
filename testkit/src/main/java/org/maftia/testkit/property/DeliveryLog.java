package org.maftia.testkit.property;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * What each honest site decided or delivered, in the order it did: the record a test keeps of a
 * run for the property checkers. Only honest sites have a log (the specification promises
 * nothing about corrupted ones); a site that delivered nothing has an empty one. Values are
 * compared by content, so byte arrays work as they are.
 *
 * <p>Not thread-safe: record from the thread that runs the simulation.
 *
 * @param <V> what is delivered: a bit, a payload, an entry
 */
public final class DeliveryLog<V> {

    private final String what;
    private final Map<Integer, List<V>> bySite = new TreeMap<>();

    private DeliveryLog(String what, Collection<Integer> honest) {
        this.what = what;
        for (int site : honest) {
            bySite.put(site, new ArrayList<>());
        }
    }

    /** An empty log for the honest sites {@code honest}. */
    public static <V> DeliveryLog<V> of(Collection<Integer> honest) {
        if (honest.isEmpty()) {
            throw new IllegalArgumentException("a run has at least one honest site to check");
        }
        return new DeliveryLog<>("deliveries", honest);
    }

    /** Honest site {@code site} decided or delivered {@code value}, after what it recorded before. */
    public void record(int site, V value) {
        List<V> log = bySite.get(site);
        if (log == null) {
            throw new IllegalArgumentException("site " + site + " is not one of the honest sites " + sites()
                    + ": record only what honest sites deliver");
        }
        log.add(value);
    }

    /** The honest sites, ascending. */
    public List<Integer> sites() {
        return List.copyOf(bySite.keySet());
    }

    /** What {@code site} delivered, in order. */
    public List<V> at(int site) {
        List<V> log = bySite.get(site);
        if (log == null) {
            throw new IllegalArgumentException("site " + site + " is not one of the honest sites " + sites());
        }
        return List.copyOf(log);
    }

    /** How many values {@code site} delivered so far: cheap, for a run's stopping condition. */
    public int count(int site) {
        List<V> log = bySite.get(site);
        if (log == null) {
            throw new IllegalArgumentException("site " + site + " is not one of the honest sites " + sites());
        }
        return log.size();
    }

    /** What the log holds, for violation messages: "deliveries", or what a view kept. */
    public String what() {
        return what;
    }

    /**
     * A view of the deliveries that {@code keep} accepts, each site's in its order, described as
     * {@code what} in violation messages (for instance one sender's payloads on a stream).
     */
    public DeliveryLog<V> restrictedTo(String what, Predicate<? super V> keep) {
        DeliveryLog<V> view = new DeliveryLog<>(what, bySite.keySet());
        bySite.forEach((site, values) -> values.stream().filter(keep).forEach(v -> view.record(site, v)));
        return view;
    }

    /** A copy with every value mapped, for checks on part of a value (the bit of a bit-and-proof). */
    public <W> DeliveryLog<W> map(Function<? super V, ? extends W> f) {
        DeliveryLog<W> mapped = new DeliveryLog<>(what, bySite.keySet());
        bySite.forEach((site, values) -> values.forEach(v -> mapped.record(site, f.apply(v))));
        return mapped;
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder(what).append(":");
        bySite.forEach((site, values) -> b.append(" site ").append(site).append(' ').append(Values.show(values)));
        return b.toString();
    }
}
