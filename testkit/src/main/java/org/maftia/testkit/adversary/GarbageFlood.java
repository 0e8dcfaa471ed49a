package org.maftia.testkit.adversary;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.maftia.testkit.net.Envelope;
import org.maftia.testkit.net.SimulatedNetwork;

/**
 * Corrupted sites that send junk, up to a budget. Random bytes alone stop at the first header a
 * receiver parses, so most junk is made from a real message the site sent or received: its start
 * kept (the headers, often also some fields), the rest cut off or replaced by random bytes, which
 * reaches the protocols' own decoders and checks.
 */
public final class GarbageFlood extends TrafficInjector {

    /** Longest random tail or random message. */
    static final int MAX_JUNK = 96;

    /**
     * @param random      the run's generator (a split of the simulation's), for determinism per seed
     * @param probability chance that a message passing through the network triggers one junk message
     * @param budget      junk messages at most, so the run still ends
     * @param sites       the corrupted sites that send junk
     */
    public GarbageFlood(SplittableRandom random, double probability, int budget, int... sites) {
        super("GarbageFlood", random, probability, budget, sites);
    }

    @Override
    protected void inject(Envelope message, SimulatedNetwork network) {
        Envelope template = traffic.isEmpty() ? message : traffic.pick(random).message();
        int from = driven.pick(random);
        network.inject(from, Chance.otherSite(from, network.size(), random), template.withBytes(junk(template.bytes())));
    }

    /** Junk shaped like {@code real}: random bytes, a strict truncation, or a kept start with a random tail. */
    private byte[] junk(byte[] real) {
        int shape = real.length == 0 ? 0 : random.nextInt(4);
        return switch (shape) {
            case 0 -> randomBytes(random.nextInt(MAX_JUNK + 1));
            case 1 -> Arrays.copyOf(real, random.nextInt(real.length));
            default -> {
                byte[] head = Arrays.copyOf(real, random.nextInt(real.length + 1));
                byte[] tail = randomBytes(1 + random.nextInt(MAX_JUNK));
                byte[] j = Arrays.copyOf(head, head.length + tail.length);
                System.arraycopy(tail, 0, j, head.length, tail.length);
                yield j;
            }
        };
    }

    private byte[] randomBytes(int length) {
        byte[] b = new byte[length];
        random.nextBytes(b);
        return b;
    }

    /** Junk messages sent so far. */
    public long sent() {
        return injected();
    }
}
