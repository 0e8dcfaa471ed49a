package org.maftia.testkit.adversary;

import java.util.SplittableRandom;
import org.maftia.testkit.net.Adversary;
import org.maftia.testkit.net.Envelope;
import org.maftia.testkit.net.SimulatedNetwork;

/**
 * Corrupted sites whose messages arrive with a few bytes flipped: typically they run the honest
 * protocol, and what reaches the receivers is well framed but wrong where it matters, an invalid
 * signature or decryption share, a justification that does not verify, a digest of nothing. Each
 * receiver's copy is altered on its own, so receivers also see different messages.
 */
public final class Mutate implements Adversary {

    /** Bytes flipped per altered message, at most. */
    static final int MAX_FLIPS = 3;

    private final Driven driven;
    private final SplittableRandom random;
    private final double probability;
    private long mutated;

    /**
     * @param random      the run's generator (a split of the simulation's), for determinism per seed
     * @param probability chance that a message of a driven site to another site is altered
     * @param sites       the corrupted sites whose messages are altered
     */
    public Mutate(SplittableRandom random, double probability, int... sites) {
        this.driven = new Driven("Mutate", sites);
        this.random = random;
        this.probability = Chance.check(probability);
    }

    @Override
    public Decision onMessage(Envelope message, SimulatedNetwork network) {
        if (!driven.contains(message.from()) || message.to() == message.from() || random.nextDouble() >= probability) {
            return DELIVER;
        }
        byte[] bytes = message.bytes();
        if (bytes.length == 0) {
            return DELIVER;
        }
        driven.requireCorrupted(network);
        network.inject(message.from(), message.to(), message.withBytes(flip(bytes, random)));
        mutated++;
        return DROP;
    }

    /** {@code bytes} with 1 to {@value #MAX_FLIPS} distinct bytes changed in place, each to another value. */
    static byte[] flip(byte[] bytes, SplittableRandom random) {
        int flips = Math.min(bytes.length, 1 + random.nextInt(MAX_FLIPS));
        int[] at = random.ints(0, bytes.length).distinct().limit(flips).toArray();
        for (int i : at) {
            bytes[i] ^= (byte) (1 + random.nextInt(255));
        }
        return bytes;
    }

    /** Messages altered so far. */
    public long mutated() {
        return mutated;
    }

    @Override
    public String toString() {
        return driven.toString();
    }
}
