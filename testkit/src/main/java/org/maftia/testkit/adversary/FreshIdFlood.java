package org.maftia.testkit.adversary;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Corrupted sites that flood an honest site with tiny messages for instances that will never
 * exist: each a message they saw, renamed to a fresh name (its own with a fresh suffix) and cut
 * to a few bytes after the name (in the group layer, the type code and a byte or so of body).
 * Aimed at what a site keeps for instances not started yet: a room bounded by ids rather than by
 * what each sender holds gives up the honest senders' messages to make space for fresh names.
 */
public final class FreshIdFlood extends IdFlood {

    /** Bytes after the name kept, at least (the group layer's type code) and at most. */
    static final int MIN_TAIL = 4;
    static final int MAX_TAIL = 8;

    private long fresh;

    /**
     * @param random      the run's generator (a split of the simulation's), for determinism per seed
     * @param probability chance that a message passing through the network triggers a burst
     * @param burst       messages per burst, each under its own fresh name
     * @param budget      messages at most, so the run still ends
     * @param sites       the corrupted sites that flood
     */
    public FreshIdFlood(SplittableRandom random, double probability, int burst, int budget, int... sites) {
        super("FreshIdFlood", random, probability, burst, budget, sites);
    }

    @Override
    protected List<byte[]> burst(NamedFrame template, int count) {
        byte[] tail = template.tail();
        List<byte[]> messages = new ArrayList<>(count);
        for (int k = 0; k < count; k++) {
            String name = within(template.name(), "|fresh|" + ++fresh);
            int kept = Math.min(tail.length, MIN_TAIL + random.nextInt(MAX_TAIL - MIN_TAIL + 1));
            messages.add(template.with(name, Arrays.copyOf(tail, kept)));
        }
        return messages;
    }
}
