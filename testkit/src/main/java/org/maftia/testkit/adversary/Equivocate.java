package org.maftia.testkit.adversary;

import java.util.Arrays;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.maftia.testkit.net.Adversary;
import org.maftia.testkit.net.Envelope;
import org.maftia.testkit.net.SimulatedNetwork;

/**
 * Corrupted sites that tell one half of the group one thing and the other half another: every
 * message they send reaches a fixed half of the sites (drawn once from the generator) as sent,
 * and the other half as one variant of it, the same variant for every site of that half. With
 * the default variant (a few bytes flipped) a broadcast sender's two halves get different
 * payloads; a protocol-aware variant can make both versions well formed.
 */
public final class Equivocate implements Adversary {

    /** Makes the other version of a message; called once per distinct message. */
    @FunctionalInterface
    public interface Variant {
        byte[] of(byte[] original, SplittableRandom random);

        /** A few bytes flipped ({@link Mutate}'s alteration). */
        static Variant flipBytes() {
            return (original, random) -> Mutate.flip(original.clone(), random);
        }
    }

    /** Distinct messages whose variant is remembered, so a broadcast's half agrees on it. */
    static final int REMEMBERED = 1024;

    private record Content(byte[] bytes) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Content c && Arrays.equals(bytes, c.bytes);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(bytes);
        }
    }

    private final Driven driven;
    private final SplittableRandom random;
    private final Variant variant;
    private final Map<Content, byte[]> variants = new LinkedHashMap<>(16, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Content, byte[]> eldest) {
            return size() > REMEMBERED;
        }
    };
    private BitSet otherHalf;
    private long equivocated;

    /**
     * @param random  the run's generator (a split of the simulation's): draws the halves and feeds the variant
     * @param variant how the other half's version is made from the original
     * @param sites   the corrupted sites that equivocate
     */
    public Equivocate(SplittableRandom random, Variant variant, int... sites) {
        this.driven = new Driven("Equivocate", sites);
        this.random = random;
        this.variant = variant;
    }

    @Override
    public Decision onMessage(Envelope message, SimulatedNetwork network) {
        if (!driven.contains(message.from()) || !otherHalf(network).get(message.to())) {
            return DELIVER;
        }
        driven.requireCorrupted(network);
        byte[] original = message.bytes();
        byte[] other = variants.computeIfAbsent(new Content(original), c -> variant.of(original.clone(), random));
        network.inject(message.from(), message.to(), message.withBytes(other.clone()));
        equivocated++;
        return DROP;
    }

    /** The sites that get the variant: half of them (rounded down), drawn on first use. */
    private BitSet otherHalf(SimulatedNetwork network) {
        if (otherHalf == null) {
            int n = network.size();
            int[] order = random.ints(0, n).distinct().limit(n).toArray();
            otherHalf = new BitSet(n);
            for (int k = 0; k < n / 2; k++) {
                otherHalf.set(order[k]);
            }
        }
        return otherHalf;
    }

    /** Messages sent to the other half as their variant so far. */
    public long equivocated() {
        return equivocated;
    }

    @Override
    public String toString() {
        return driven.toString();
    }
}
