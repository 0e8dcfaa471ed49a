package org.maftia.group.vba;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.maftia.group.abba.ForgedAbbaMessages;
import org.maftia.group.core.Envelope;
import org.maftia.group.core.GroupKeys;
import org.maftia.group.core.MessageTypes;
import org.maftia.group.core.RawMessage;
import org.maftia.group.sim.RawInstance;
import org.maftia.group.sim.Byzantine;
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
 * Protocol 4 in the simulation, over seeds, n in {4, 7, 10}, with t corrupted sites that are
 * silent, propose values Q refuses (through a genuine VCBC, voting 1 for themselves), or vote 1
 * for every candidate with forged closings. Checks, with the testkit's checkers, termination,
 * integrity (one decision), agreement, external validity (the decision satisfies Q), and that the
 * decision is a value an honest party proposed (the spec's integrity, as all corrupted proposals
 * are invalid or never made).
 */
class VbaSimulationTest {

    private static final String ID = "vba";
    private static final Map<Integer, List<GroupKeys>> KEYS = new HashMap<>();

    /** Q: a value is valid when it starts with "ok:". */
    static final Predicate<byte[]> Q = v -> v.length >= 3 && v[0] == 'o' && v[1] == 'k' && v[2] == ':';

    private static synchronized List<GroupKeys> keys(int n) {
        return KEYS.computeIfAbsent(n, k -> GroupKeys.dealInProcess(k, (k - 1) / 3, new SecureRandom()));
    }

    enum Strategy { SILENT, INVALID_PROPOSER, FORGED_VOTES }

    record Outcome(DeliveryLog<byte[]> decisions, Map<Integer, Vba> instances, SimGroup group) {
    }

    static Outcome run(long seed, int n, Strategy strategy) {
        int t = (n - 1) / 3;
        int[] corrupted = new int[t];
        for (int k = 0; k < t; k++) {
            corrupted[k] = (int) Math.floorMod(seed * 7 + k, n);
        }
        SimGroup g = new SimGroup(seed, n, corrupted);
        List<GroupKeys> keys = keys(n);
        DeliveryLog<byte[]> decisions = g.log();
        Map<Integer, Vba> instances = new HashMap<>();
        List<Adversary> attacks = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int site = i;
            if (g.isCorrupted(i)) {
                switch (strategy) {
                    case SILENT -> attacks.addAll(NetworkAttack.SILENT.at(g, i));
                    case INVALID_PROPOSER -> {
                        // The protocol itself, but with a predicate that admits anything: it proposes
                        // a value honest parties' Q refuses and votes 1 for itself with a genuine closing.
                        Vba liar = new Vba(ID, keys.get(i), v -> true, v -> { });
                        g.sites.get(i).start(liar);
                        g.sites.get(i).onProtocolThread(() -> liar.propose(("bad:" + site).getBytes(StandardCharsets.UTF_8)));
                    }
                    case FORGED_VOTES -> g.sites.get(i).start(new VoteForger(seed + i));
                }
            } else {
                Vba vba = new Vba(ID, keys.get(i), Q, v -> decisions.record(site, v));
                instances.put(i, vba);
                g.sites.get(i).start(vba);
                g.sites.get(i).onProtocolThread(() -> vba.propose(("ok:" + site).getBytes(StandardCharsets.UTF_8)));
            }
        }
        g.attack(attacks);
        g.runUntil(() -> g.honest().stream().allMatch(h -> decisions.count(h) > 0));
        g.runToQuiescence();
        Termination.delivered(decisions, 1);
        Integrity.once(decisions);
        Agreement.check(decisions);
        Validity.external(decisions, "Q", Q);
        // Integrity in the spec's sense: the decision was proposed by an honest party (the corrupted
        // ones' proposals fail Q or are never made).
        Validity.proposed(decisions, g.honest().stream().map(h -> ("ok:" + h).getBytes(StandardCharsets.UTF_8)).toList());
        return new Outcome(decisions, instances, g);
    }

    @ParameterizedTest
    @ValueSource(ints = {4, 7, 10})
    void allHonestDecideTheSameValidProposal(int n) {
        Seeds.forEachCostly(n == 10 ? 6 : n == 7 ? 30 : 100, seed -> run(seed, n, Strategy.SILENT));
    }

    @ParameterizedTest
    @ValueSource(ints = {4, 7, 10})
    void proposalsThatFailTheExternalPredicateAreNeverDecided(int n) {
        Seeds.forEachCostly(n == 10 ? 8 : n == 7 ? 20 : 100, seed -> run(seed, n, Strategy.INVALID_PROPOSER));
    }

    @ParameterizedTest
    @ValueSource(ints = {4, 7, 10})
    void forgedClosingsInVotesAreRefusedAndCounted(int n) {
        Seeds.forEachCostly(n == 10 ? 8 : n == 7 ? 20 : 60, seed -> {
            Outcome o = run(seed, n, Strategy.FORGED_VOTES);
            for (int h : o.group().honest()) {
                assertThat(o.group().sites.get(h).session().counters().rejectedByProtocol())
                        .as("forged 1-votes refused at site %d", h).isPositive();
            }
        });
    }

    @Test
    void withoutFaultsTheFirstCandidateIsUsuallyDecided() {
        // Validity of the bias (spec 5.2.1.2): an honest first candidate whose proposal every honest
        // party delivered gets decided at once; candidates tried stay within n.
        int[] firstTry = new int[1];
        Seeds.forEachCostly(20, seed -> {
            Outcome o = run(seed, 4, Strategy.SILENT);
            o.instances().values().forEach(v -> assertThat(v.candidatesTried()).isBetween(1, 4));
            if (o.instances().values().stream().allMatch(v -> v.candidatesTried() == 1)) {
                firstTry[0]++;
            }
        });
        assertThat(firstTry[0]).as("runs decided on the first candidate").isPositive();
    }

    @Test
    void proposalsLargerThanAnyThresholdSignatureAreDecided() {
        // The 1-votes and the biased ABBA's external proofs carry whole closings (spec 5.2.1.2):
        // a 300 KB proposal must pass every size bound on the way.
        Seeds.forEachCostly(2, seed -> {
            SimGroup g = new SimGroup(seed, 4);
            Map<Integer, byte[]> decisions = new HashMap<>();
            for (int i = 0; i < 4; i++) {
                int site = i;
                byte[] value = new byte[300_000];
                System.arraycopy(("ok:" + site).getBytes(StandardCharsets.UTF_8), 0, value, 0, 4);
                Vba vba = new Vba(ID, keys(4).get(i), Q, v -> decisions.put(site, v));
                g.sites.get(i).start(vba);
                g.sites.get(i).onProtocolThread(() -> vba.propose(value));
            }
            assertThat(g.runUntil(() -> decisions.size() == 4)).as("termination").isTrue();
            assertThat(decisions.values().stream().map(java.util.Arrays::hashCode).distinct()).hasSize(1);
            assertThat(decisions.get(0)).hasSize(300_000);
        });
    }

    @Test
    void aProofForZeroThatIsNotEmptyIsRefused() {
        // Protocol 4, line 17: 0 is proposed with ρ = ⊥. A corrupted party that pre-votes 0 in a
        // candidate's agreement with any other proof is refused: honest abstentions embed that proof.
        Seeds.forEach(20, seed -> {
            int n = 4;
            int corrupted = (int) Math.floorMod(seed, n);
            SimGroup g = new SimGroup(seed, n, corrupted);
            for (int a = 0; a < n; a++) {
                String abbaId = Envelope.tagged(ID, "abba|" + a);
                byte[] preVote = ForgedAbbaMessages.roundOnePreVote(keys(n).get(corrupted), abbaId, "sim", false, new byte[] {0});
                g.sites.get(corrupted).start(Byzantine.scripted(abbaId,
                        ctx -> ctx.sendAll(new RawMessage(MessageTypes.ABBA_PRE_VOTE, preVote)), (ctx, m) -> { }));
            }
            g.runToQuiescence();
            DeliveryLog<byte[]> decisions = g.log();
            for (int h : g.honest()) {
                Vba vba = new Vba(ID, keys(n).get(h), Q, v -> decisions.record(h, v));
                g.sites.get(h).start(vba);
                g.sites.get(h).onProtocolThread(() -> vba.propose(("ok:" + h).getBytes(StandardCharsets.UTF_8)));
            }
            g.runUntil(() -> g.honest().stream().allMatch(h -> decisions.count(h) > 0));
            Termination.delivered(decisions, 1);
            Agreement.check(decisions);
            for (int h : g.honest()) {
                // The first candidate's agreement runs everywhere and finds the forged pre-vote waiting.
                assertThat(g.sites.get(h).session().counters().rejectedByProtocol())
                        .as("pre-votes for 0 with a proof refused at site %d (seed %d)", h, seed).isPositive();
            }
        });
    }

    @Test
    void thePermutationIsAPermutationFixedByTheId() {
        for (int n : new int[] {1, 4, 7, 10, 31}) {
            int[] p = Vba.permutation("abc|vba|17", n);
            assertThat(p).containsExactlyInAnyOrder(java.util.stream.IntStream.range(0, n).toArray());
            assertThat(Vba.permutation("abc|vba|17", n)).isEqualTo(p);
        }
        assertThat(Vba.permutation("abc|vba|1", 10)).isNotEqualTo(Vba.permutation("abc|vba|2", 10));
    }

    /** Votes 1 for every candidate with random bytes as the closing, and junk of every type. */
    private static final class VoteForger extends RawInstance {
        private final SplittableRandom random;

        VoteForger(long seed) {
            super(ID);
            this.random = new SplittableRandom(seed);
        }

        @Override
        protected void onStart() {
            for (int a = 0; a < ctx.n(); a++) {
                byte[] junk = new byte[1 + random.nextInt(200)];
                random.nextBytes(junk);
                ctx.sendAll(new VbaVote(a, true, junk));
                ctx.sendAll(new RawMessage(MessageTypes.VBA_VOTE, junk));
            }
        }

        @Override
        protected void onMessage(int from, int type, byte[] body) {
        }
    }
}
