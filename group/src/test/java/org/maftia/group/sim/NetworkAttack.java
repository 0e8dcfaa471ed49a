package org.maftia.group.sim;

import java.util.List;
import org.maftia.testkit.adversary.Crash;
import org.maftia.testkit.adversary.DelayHonestSite;
import org.maftia.testkit.adversary.Equivocate;
import org.maftia.testkit.adversary.FreshIdFlood;
import org.maftia.testkit.adversary.GarbageFlood;
import org.maftia.testkit.adversary.Mutate;
import org.maftia.testkit.adversary.PredictableIdFlood;
import org.maftia.testkit.adversary.Replay;
import org.maftia.testkit.net.Adversary;

/**
 * What one corrupted site of a {@link SimGroup} does through the testkit's protocol-agnostic
 * strategies, which act on its traffic on the simulated network. Some run over the honest
 * protocol at that site ({@link #runsProtocol()}): the test starts the real instance there, and
 * the strategy silences, alters or misdirects what it sends.
 */
public enum NetworkAttack {

    /** Says nothing at all. */
    SILENT,
    /** Runs the protocol, then crashes at a time drawn in the first {@value #CRASH_WITHIN_NANOS} ns. */
    CRASH,
    /** Floods junk shaped like the messages it sees, and replays old ones, its own and reflected. */
    NOISE,
    /** Runs the protocol, but its messages arrive with a few bytes flipped: invalid shares, justifications, digests. */
    MUTATE,
    /** Runs the protocol, but half the sites get another version of each of its messages. */
    EQUIVOCATE,
    /** Runs the protocol but ignores one honest site, whose traffic the network delays (finitely). */
    DELAY_HONEST,
    /** Says nothing in the protocol; floods honest sites with bursts of tiny messages under ids that never start. */
    FRESH_IDS,
    /** Says nothing in the protocol; fills ids honest sites will start soon (next round, sub-protocol, lane instance) with junk. */
    PREDICTABLE_IDS;

    /** Virtual time within which a crashing site crashes: a few protocol rounds. */
    static final long CRASH_WITHIN_NANOS = 20_000_000;
    /** Junk messages and replays per noisy site, at most. */
    static final int NOISE_BUDGET = 200;
    /** Messages per burst of fresh ids: more distinct ids than a room that bounds ids would keep. */
    static final int FRESH_ID_BURST = 4096 + 512;
    /** Messages per burst under one predicted id: more than a quota per id shared by all senders. */
    static final int PREDICTABLE_ID_BURST = 600;
    /** Bursts per flooding site, at most, each to one honest site. */
    static final int FLOOD_BURSTS = 2;
    /** The longest extra delay of the delayed honest site's messages. */
    static final long HONEST_DELAY_NANOS = 50_000_000;

    /** True when the site should run the honest protocol under this attack. */
    public boolean runsProtocol() {
        return this == CRASH || this == MUTATE || this == EQUIVOCATE || this == DELAY_HONEST;
    }

    /** The strategies that carry out this attack for corrupted site {@code site} of {@code g}. */
    public List<Adversary> at(SimGroup g, int site) {
        if (!g.isCorrupted(site)) {
            throw new IllegalArgumentException("site " + site + " is honest; only corrupted sites attack");
        }
        var random = g.sim.random().split();
        return switch (this) {
            case SILENT -> List.of(Crash.silent(site));
            case CRASH -> List.of(Crash.at(random.nextLong(CRASH_WITHIN_NANOS), site));
            case NOISE -> List.of(new GarbageFlood(random.split(), 0.3, NOISE_BUDGET, site),
                    new Replay(random.split(), 0.3, NOISE_BUDGET, site));
            case MUTATE -> List.of(new Mutate(random, 0.5, site));
            case EQUIVOCATE -> List.of(new Equivocate(random, Equivocate.Variant.flipBytes(), site));
            case FRESH_IDS -> List.of(new FreshIdFlood(random, 0.05, FRESH_ID_BURST, FLOOD_BURSTS * FRESH_ID_BURST, site));
            case PREDICTABLE_IDS -> List.of(
                    new PredictableIdFlood(random, 0.05, PREDICTABLE_ID_BURST, FLOOD_BURSTS * PREDICTABLE_ID_BURST, site));
            case DELAY_HONEST -> {
                List<Integer> honest = g.honest();
                yield List.of(new DelayHonestSite(random, honest.get(random.nextInt(honest.size())), HONEST_DELAY_NANOS, site));
            }
        };
    }
}
