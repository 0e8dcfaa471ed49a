package org.maftia.testkit.property;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Causal secrecy of secure causal atomic broadcast (spec 5.2.1.7, input causality): no honest
 * site helps reveal a cleartext before its ciphertext's position in the order is fixed there. A
 * test records, as they happen, when a site ordered a position, when the network saw its
 * decryption share for a position leave, and when it revealed a position's cleartext to its
 * application; {@link #check()} finds any share or cleartext ahead of its ordering. The
 * adversary needs one honest share on top of the t corrupted ones to decrypt, so this per-site
 * rule is what keeps it from reading a cleartext before it is ordered.
 *
 * <p>Not thread-safe: record from the thread that runs the simulation.
 */
public final class CausalSecrecy {

    /** What one honest site did for one position. */
    enum Kind { ORDERED, SHARE_RELEASED, REVEALED }

    private record Event(Kind kind, int site, long position) {
    }

    private final List<Integer> honest;
    private final List<Event> events = new ArrayList<>();
    private final Map<Integer, Long> orderedUpTo = new HashMap<>();

    public CausalSecrecy(Collection<Integer> honest) {
        this.honest = honest.stream().sorted().toList();
        this.honest.forEach(s -> orderedUpTo.put(s, 0L));
    }

    /** {@code site} fixed the ciphertext at {@code position} of the order. */
    public void ordered(int site, long position) {
        add(Kind.ORDERED, site, position);
    }

    /**
     * {@code site} has ordered positions 0 to {@code count - 1}: records those not recorded yet,
     * for protocols that expose how many they ordered rather than each ordering.
     */
    public void orderedUpTo(int site, long count) {
        requireHonest(site);
        for (long p = orderedUpTo.get(site); p < count; p++) {
            ordered(site, p);
        }
        orderedUpTo.merge(site, count, Math::max);
    }

    /** {@code site}'s decryption share for {@code position} left it (the network, so the adversary, saw it). */
    public void shareReleased(int site, long position) {
        add(Kind.SHARE_RELEASED, site, position);
    }

    /** {@code site} gave {@code position}'s cleartext to its application. */
    public void revealed(int site, long position) {
        add(Kind.REVEALED, site, position);
    }

    /** Fails on the first share or cleartext of a position its site had not ordered yet. */
    public void check() {
        Map<Integer, BitSet> ordered = new HashMap<>();
        for (Event e : events) {
            BitSet at = ordered.computeIfAbsent(e.site(), s -> new BitSet());
            int position = Math.toIntExact(e.position());
            switch (e.kind()) {
                case ORDERED -> at.set(position);
                case SHARE_RELEASED, REVEALED -> {
                    if (!at.get(position)) {
                        throw new PropertyViolation("causal secrecy", List.of(e.site()), (e.kind() == Kind.REVEALED
                                ? "revealed the cleartext of position " : "released its decryption share for position ")
                                + position + " before ordering it; it had ordered " + describe(at));
                    }
                }
            }
        }
    }

    /** How many events were recorded, so a test can tell the check saw the run. */
    public int recorded() {
        return events.size();
    }

    private void add(Kind kind, int site, long position) {
        requireHonest(site);
        if (position < 0 || position > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("position " + position + " is not a position of a stream");
        }
        events.add(new Event(kind, site, position));
    }

    private void requireHonest(int site) {
        if (!orderedUpTo.containsKey(site)) {
            throw new IllegalArgumentException("site " + site + " is not one of the honest sites " + honest);
        }
    }

    private static String describe(BitSet at) {
        if (at.isEmpty()) {
            return "nothing";
        }
        return at.cardinality() == at.length() ? "positions 0 to " + (at.length() - 1) : "positions " + at;
    }
}
