package org.maftia.group.abba;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongConsumer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.maftia.crypto.Share;
import org.maftia.group.abba.AbbaMessage.Coin;
import org.maftia.group.abba.AbbaMessage.MainVote;
import org.maftia.group.abba.AbbaMessage.MainVoteJustification;
import org.maftia.group.abba.AbbaMessage.PreProcess;
import org.maftia.group.abba.AbbaMessage.PreVote;
import org.maftia.group.abba.AbbaMessage.PreVoteJustification;
import org.maftia.group.core.GroupKeys;
import org.maftia.group.core.MalformedMessageException;
import org.maftia.group.sim.RawInstance;
import org.maftia.group.sim.NetworkAttack;
import org.maftia.group.sim.SimGroup;
import org.maftia.testkit.net.Adversary;
import org.maftia.testkit.property.Agreement;
import org.maftia.testkit.property.DeliveryLog;
import org.maftia.testkit.property.Integrity;
import org.maftia.testkit.property.Termination;
import org.maftia.testkit.property.Validity;
import org.maftia.testkit.sim.Seeds;

/**
 * Protocol 3 in the simulation, over many seeds, n in {4, 7, 10}, with t corrupted sites that each
 * run one of the network attacks (silent, crashing mid-run, junk and replays, flipped bytes,
 * equivocating by halves, delaying an honest site) or an equivocator that signs both values with
 * its real keys and forges the rest. Checks the spec's properties with the testkit's checkers:
 * termination (every honest party decides, and the first deciders finish the round after),
 * integrity (once), agreement (honest parties decide the same), validity (the decision is an
 * honest party's input, so unanimous honest inputs are decided).
 */
class AbbaSimulationTest {

    private static final String ID = "abba-test";
    private static final String GROUP = "sim";
    private static final Map<Integer, List<GroupKeys>> KEYS = new HashMap<>();

    private static synchronized List<GroupKeys> keys(int n) {
        return KEYS.computeIfAbsent(n, k -> GroupKeys.dealInProcess(k, (k - 1) / 3, new SecureRandom()));
    }

    /** Runs {@code check} over the build's seeds for n in {4, 7}; a run of ten sites costs more, so over fewer. */
    private static void forSeeds(int n, LongConsumer check) {
        if (n == 10) {
            Seeds.forEachCostly(10, check);
        } else {
            Seeds.forEach(40, check);
        }
    }

    private record Outcome(DeliveryLog<Boolean> decisions, Map<Integer, Abba> instances) {
    }

    private static Outcome run(long seed, int n, boolean[] inputs) {
        int t = (n - 1) / 3;
        int[] corrupted = new int[t];
        for (int k = 0; k < t; k++) {
            corrupted[k] = (int) Math.floorMod(seed + k, n);
        }
        SimGroup g = new SimGroup(seed, n, corrupted);
        List<GroupKeys> keys = keys(n);
        DeliveryLog<Boolean> decisions = g.log();
        Map<Integer, Abba> instances = new HashMap<>();
        List<Adversary> attacks = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int site = i;
            boolean input = inputs[i];
            if (g.isCorrupted(i)) {
                int pick = (int) Math.floorMod(seed + i, NetworkAttack.values().length + 1);
                if (pick == NetworkAttack.values().length) {
                    g.sites.get(i).start(new Equivocator(keys.get(i)));
                    continue;
                }
                NetworkAttack attack = NetworkAttack.values()[pick];
                attacks.addAll(attack.at(g, i));
                if (attack.runsProtocol()) {
                    Abba abba = new Abba(ID, keys.get(i), b -> { });
                    g.sites.get(i).start(abba);
                    g.sites.get(i).onProtocolThread(() -> abba.propose(input));
                }
            } else {
                Abba abba = new Abba(ID, keys.get(i), b -> decisions.record(site, b));
                instances.put(i, abba);
                g.sites.get(i).start(abba);
                g.sites.get(i).onProtocolThread(() -> abba.propose(input));
            }
        }
        g.attack(attacks);
        g.runUntil(() -> instances.values().stream().allMatch(a -> a.decision() != null));
        g.runToQuiescence();
        Termination.delivered(decisions, 1);
        Integrity.once(decisions);
        Agreement.check(decisions);
        Validity.proposed(decisions, g.honest().stream().map(h -> inputs[h]).toList());
        // The first deciders (round d) stop after round d+1 (Protocol 3, line 21); every honest
        // party decides by round d+1; those deciding in d+1 may wait in d+2 for pre-votes that
        // the first deciders no longer send.
        int first = instances.values().stream().mapToInt(Abba::decisionRound).min().orElseThrow();
        instances.forEach((site, a) -> {
            assertThat(a.decisionRound()).as("site %d decides at most a round after the first", site).isLessThanOrEqualTo(first + 1);
            if (a.decisionRound() == first) {
                assertThat(a.done()).as("site %d, a first decider, finished the round after its decision", site).isTrue();
            }
        });
        return new Outcome(decisions, instances);
    }

    /**
     * Signs both values with its real keys: pre-processes 0 to some and 1 to others, then, with the
     * honest parties' pre-process shares, makes genuine S'-signatures on both values, pre-votes
     * both to different parties and abstains with a genuine conflict; releases its coin shares
     * early; adds forged justifications, bad shares, duplicates and far-future rounds.
     */
    private static final class Equivocator extends RawInstance {
        private final GroupKeys keys;
        private final Map<Boolean, List<Share>> preProcessShares = new HashMap<>();
        private final Map<Boolean, byte[]> signatures = new HashMap<>();
        private boolean abstained;
        private final java.util.Set<Integer> heard = new java.util.HashSet<>();

        Equivocator(GroupKeys keys) {
            super(ID);
            this.keys = keys;
            preProcessShares.put(false, new ArrayList<>(List.of(keys.abbaPre().sign(AbbaTags.preProcess(ID, GROUP, false)))));
            preProcessShares.put(true, new ArrayList<>(List.of(keys.abbaPre().sign(AbbaTags.preProcess(ID, GROUP, true)))));
        }

        @Override
        protected void onStart() {
            int self = ctx.self();
            for (int to = 0; to < ctx.n(); to++) {
                boolean b = to % 2 == 1;
                send(to, new PreProcess(b, preProcessShares.get(b).getFirst()));
                send(to, new PreProcess(!b, preProcessShares.get(!b).getFirst())); // a duplicate
            }
            byte[] junk = new byte[64];
            Share preVoteShare = keys.abbaMain().sign(AbbaTags.preVote(ID, GROUP, 1, true));
            sendAll(new PreVote(1, true, new PreVoteJustification.Initial(junk), preVoteShare));
            sendAll(new PreVote(2, false, new PreVoteJustification.Hard(junk),
                    keys.abbaMain().sign(AbbaTags.preVote(ID, GROUP, 2, false))));
            sendAll(new PreVote(3, true, new PreVoteJustification.Soft(junk),
                    keys.abbaMain().sign(AbbaTags.preVote(ID, GROUP, 2, true)))); // share for the wrong round
            sendAll(new MainVote(1, AbbaMessage.ABSTAIN, new MainVoteJustification.Conflict(
                    new PreVoteJustification.Initial(junk), new PreVoteJustification.Initial(junk)),
                    keys.abbaMain().sign(AbbaTags.mainVote(ID, GROUP, 1, AbbaMessage.ABSTAIN))));
            sendAll(new Coin(1, new Share((self + 1) % ctx.n(), keys.coin().share(AbbaTags.coin(ID, GROUP, 1)).encoded())));
            for (int r = 2; r <= 6; r++) {
                sendAll(new Coin(r, keys.coin().share(AbbaTags.coin(ID, GROUP, r))));
            }
            sendAll(new Coin(1_000_000, keys.coin().share(AbbaTags.coin(ID, GROUP, 1_000_000))));
        }

        @Override
        protected void onMessage(int from, int type, byte[] body) throws MalformedMessageException {
            // Only valid shares: another corrupted site's may arrive altered (a network attack on its messages).
            if (from != ctx.self() && heard.add(from) && AbbaMessage.decode(type, body, ctx.n()) instanceof PreProcess p
                    && p.share().index() == from && preProcessShares.get(p.b()).size() <= ctx.t()
                    && keys.abbaPreKey().verifyShare(AbbaTags.preProcess(ID, GROUP, p.b()), p.share()).isValid()) {
                preProcessShares.get(p.b()).add(p.share());
                if (preProcessShares.get(p.b()).size() == ctx.t() + 1) {
                    byte[] sig = keys.abbaPreKey().combine(AbbaTags.preProcess(ID, GROUP, p.b()), preProcessShares.get(p.b()), false);
                    signatures.put(p.b(), sig);
                    // A genuine round-1 pre-vote for b, to the parties of b's parity only.
                    for (int to = 0; to < ctx.n(); to++) {
                        if ((to % 2 == 1) == p.b()) {
                            send(to, new PreVote(1, p.b(), new PreVoteJustification.Initial(sig),
                                    keys.abbaMain().sign(AbbaTags.preVote(ID, GROUP, 1, p.b()))));
                        }
                    }
                }
                if (signatures.size() == 2 && !abstained) {
                    abstained = true;
                    sendAll(new MainVote(1, AbbaMessage.ABSTAIN, new MainVoteJustification.Conflict(
                            new PreVoteJustification.Initial(signatures.get(false)),
                            new PreVoteJustification.Initial(signatures.get(true))),
                            keys.abbaMain().sign(AbbaTags.mainVote(ID, GROUP, 1, AbbaMessage.ABSTAIN))));
                }
            }
        }

        private void send(int to, AbbaMessage m) {
            ctx.send(to, m);
        }

        private void sendAll(AbbaMessage m) {
            ctx.sendAll(m);
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {4, 7, 10})
    void unanimousHonestInputsAreDecided(int n) {
        forSeeds(n, seed -> {
            boolean value = seed % 2 == 0;
            boolean[] inputs = new boolean[n];
            java.util.Arrays.fill(inputs, value);
            Outcome o = run(seed, n, inputs);
            // Validity, checked by run: the only value honest parties proposed is the one decided.
            assertThat(o.decisions().at(o.decisions().sites().getFirst())).containsExactly(value);
        });
    }

    @ParameterizedTest
    @ValueSource(ints = {4, 7, 10})
    void withMixedInputsAllHonestPartiesDecideTheSameBit(int n) {
        forSeeds(n, seed -> {
            boolean[] inputs = new boolean[n];
            for (int i = 0; i < n; i++) {
                inputs[i] = ((seed >> (i % 8)) & 1) == 1 ^ i % 2 == 0;
            }
            run(seed, n, inputs);
        });
    }
}
