package org.maftia.group.abba;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiPredicate;
import java.util.function.LongConsumer;
import java.util.stream.IntStream;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.maftia.crypto.Share;
import org.maftia.group.BinaryValidator;
import org.maftia.group.Site;
import org.maftia.group.ValidatedAgreement;
import org.maftia.group.ValidatedNegotiable;
import org.maftia.group.abba.AbbaMessage.MainVote;
import org.maftia.group.abba.AbbaMessage.MainVoteJustification.Conflict;
import org.maftia.group.abba.AbbaMessage.PreProcess;
import org.maftia.group.abba.AbbaMessage.PreVote;
import org.maftia.group.abba.AbbaMessage.PreVoteJustification.External;
import org.maftia.group.core.GroupKeys;
import org.maftia.group.core.MalformedMessageException;
import org.maftia.group.sim.RawInstance;
import org.maftia.group.core.WireLimits;
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
 * Validated and biased ABBA (spec 5.2.1.2) in the simulation, over seeds, n in {4, 7, 10}, with t
 * corrupted sites that are silent or pre-vote (and abstain) with proofs that do not validate.
 * Proofs are MACs under a key the corrupted sites lack, so they cannot forge them. Checks, with
 * the testkit's checkers, termination, integrity (once), agreement, validity (an honest party's
 * proposal) and external validity (the decision comes with a proof the validator accepts); and
 * that unanimous valid inputs are decided, the bias, and that invalid proofs are refused and counted.
 */
class ValidatedAgreementSimulationTest {

    private static final String ID = "vba-test";
    private static final String GROUP = "sim";
    private static final byte[] MAC_KEY = "environment key, not the corrupted sites'".getBytes(StandardCharsets.UTF_8);
    private static final Map<Integer, List<GroupKeys>> KEYS = new HashMap<>();

    private static synchronized List<GroupKeys> keys(int n) {
        return KEYS.computeIfAbsent(n, k -> GroupKeys.dealInProcess(k, (k - 1) / 3, new SecureRandom()));
    }

    /** Runs {@code check} over the build's seeds for n in {4, 7}; a run of ten sites costs more, so over fewer. */
    private static void forSeeds(int n, LongConsumer check) {
        if (n == 10) {
            Seeds.forEachCostly(6, check);
        } else {
            Seeds.forEach(20, check);
        }
    }

    /** The corrupted sites of {@link #run}'s group for {@code seed}: t of them from {@code seed} on. */
    private static boolean corrupted(long seed, int n, int site) {
        return IntStream.range(0, (n - 1) / 3).anyMatch(k -> site == Math.floorMod(seed + k, n));
    }

    /** The proof for b that the environment hands out: a MAC on b. */
    static byte[] proofFor(boolean b) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(MAC_KEY, "HmacSHA256"));
            return mac.doFinal(new byte[] {(byte) (b ? 1 : 0)});
        } catch (GeneralSecurityException e) {
            throw new AssertionError(e);
        }
    }

    /** Accepts b with the MAC on b, for the values in {@code accepted}. */
    static BinaryValidator validator(boolean acceptsZero, boolean acceptsOne) {
        return new BinaryValidator() {
            @Override
            public boolean isValid(boolean value, byte[] proof, int offset, int length) {
                if (value ? !acceptsOne : !acceptsZero) {
                    return false;
                }
                byte[] given = java.util.Arrays.copyOfRange(proof, offset, offset + length);
                return MessageDigest.isEqual(given, proofFor(value));
            }
        };
    }

    private record Outcome(boolean decision, Map<Integer, ValidatedAbba> instances, SimGroup group) {
    }

    /** A decided bit with the proof the deciding instance gives for it. */
    private record Proven(boolean value, byte[] proof) {
    }

    /**
     * Starts every instance, lets the corrupted sites' messages arrive, then has the honest sites
     * propose {@code inputs[i]} with the environment's proof; runs until all honest decided.
     */
    private static Outcome run(long seed, int n, boolean[] inputs, BinaryValidator validator, Boolean bias) {
        SimGroup g = new SimGroup(seed, n, IntStream.range(0, n).filter(i -> corrupted(seed, n, i)).toArray());
        List<GroupKeys> keys = keys(n);
        DeliveryLog<Boolean> decisions = g.log();
        Map<Integer, ValidatedAbba> instances = new HashMap<>();
        List<Adversary> attacks = new ArrayList<>();
        int invalidProvers = 0;
        for (int i = 0; i < n; i++) {
            int site = i;
            if (g.isCorrupted(i)) {
                boolean silent = Math.floorMod(seed + i, 2) == 0;
                if (silent) {
                    attacks.addAll(NetworkAttack.SILENT.at(g, i));
                } else {
                    g.sites.get(i).start(new InvalidProver(keys.get(i)));
                    invalidProvers++;
                }
            } else {
                BiPredicate<Boolean, byte[]> predicate = validator::isValid;
                ValidatedAbba abba = new ValidatedAbba(ID, keys.get(i), new ValidatedAbba.Validation(predicate, bias), b -> decisions.record(site, b));
                instances.put(i, abba);
                g.sites.get(i).start(abba);
            }
        }
        g.attack(attacks);
        g.runToQuiescence();
        for (int h : g.honest()) {
            ValidatedAbba abba = instances.get(h);
            boolean input = inputs[h];
            g.sites.get(h).onProtocolThread(() -> abba.propose(input, proofFor(input)));
        }
        g.runUntil(() -> instances.values().stream().allMatch(a -> a.decision() != null));
        g.runToQuiescence();
        Termination.delivered(decisions, 1);
        Integrity.once(decisions);
        Agreement.check(decisions);
        // Only the honest sites hold valid proofs, so the decided value is an honest proposal.
        Validity.proposed(decisions, g.honest().stream().map(h -> inputs[h]).toList());
        DeliveryLog<Proven> proven = g.log();
        instances.forEach((site, a) -> proven.record(site, new Proven(a.decision(), a.decisionProof())));
        Validity.external(proven, "the validator accepts the decision's proof", d -> validator.isValid(d.value(), d.proof()));
        for (int h : g.honest()) {
            // Every invalid prover's round-1 pre-vote and abstention reached all before any proposal.
            assertThat(instances.get(h).refusedProofs()).as("refused proofs at site %d", h).isEqualTo(2L * invalidProvers);
        }
        return new Outcome(decisions.at(g.honest().getFirst()).getFirst(), instances, g);
    }

    /**
     * Pre-votes the value it likes with a proof that does not validate (with a genuine S-share, so
     * only the proof is wrong), abstains in round 1 with invalid proofs for both, and sends a
     * pre-process message, which validated ABBA has none of.
     */
    private static final class InvalidProver extends RawInstance {
        private final GroupKeys keys;

        InvalidProver(GroupKeys keys) {
            super(ID);
            this.keys = keys;
        }

        @Override
        protected void onStart() {
            boolean b = ctx.self() % 2 == 0;
            byte[] forged = proofFor(b).clone();
            forged[0] ^= 1;
            sendAll(new PreVote(1, b, new External(forged), keys.abbaMain().sign(AbbaTags.preVote(ID, GROUP, 1, b))));
            Share abstain = keys.abbaMain().sign(AbbaTags.mainVote(ID, GROUP, 1, AbbaMessage.ABSTAIN));
            sendAll(new MainVote(1, AbbaMessage.ABSTAIN, new Conflict(new External(new byte[32]), new External(forged)), abstain));
            sendAll(new PreProcess(b, keys.abbaPre().sign(AbbaTags.preProcess(ID, GROUP, b))));
        }

        @Override
        protected void onMessage(int from, int type, byte[] body) throws MalformedMessageException {
        }

        private void sendAll(AbbaMessage m) {
            ctx.sendAll(m);
        }
    }

    private static boolean[] mixed(long seed, int n) {
        boolean[] inputs = new boolean[n];
        for (int i = 0; i < n; i++) {
            inputs[i] = ((seed >> (i % 8)) & 1) == 1 ^ i % 2 == 0;
        }
        return inputs;
    }

    private static boolean honestProposed(SimGroup g, boolean[] inputs, boolean b) {
        return g.honest().stream().anyMatch(h -> inputs[h] == b);
    }

    @ParameterizedTest
    @ValueSource(ints = {4, 7, 10})
    void unanimousValidInputsAreDecidedWithAProof(int n) {
        forSeeds(n, seed -> {
            boolean value = seed % 2 == 0;
            boolean[] inputs = new boolean[n];
            java.util.Arrays.fill(inputs, value);
            Outcome o = run(seed, n, inputs, validator(true, true), null);
            assertThat(o.decision()).as("seed %d", seed).isEqualTo(value);
            // Only valid pre-votes count, all for the value: decided in round 1 (spec 5.2.1.2).
            o.instances().forEach((site, a) -> assertThat(a.decisionRound()).isEqualTo(1));
        });
    }

    @ParameterizedTest
    @ValueSource(ints = {4, 7, 10})
    void withMixedInputsTheDecisionIsAgreedAndValidated(int n) {
        forSeeds(n, seed -> {
            boolean[] inputs = mixed(seed, n);
            Outcome o = run(seed, n, inputs, validator(true, true), null);
            // Validity, checked by run as well: only the honest sites hold valid proofs.
            assertThat(honestProposed(o.group(), inputs, o.decision())).as("seed %d", seed).isTrue();
        });
    }

    @ParameterizedTest
    @ValueSource(ints = {4, 7, 10})
    void biasedAgreementDecidesTheBiasWhenTheFirstRoundConflicts(int n) {
        forSeeds(n, seed -> {
            boolean bias = seed % 3 != 0;
            boolean[] inputs = mixed(seed, n);
            int firstHonest = -1;
            int secondHonest = -1;
            for (int i = 0; i < n; i++) {
                if (!corrupted(seed, n, i)) {
                    if (firstHonest < 0) {
                        firstHonest = i;
                    } else if (secondHonest < 0) {
                        secondHonest = i;
                    }
                }
            }
            inputs[firstHonest] = bias; // some honest party proposes the bias with a valid proof,
            inputs[secondHonest] = !bias; // and some the other value: round 1's votes conflict
            Outcome o = run(seed, n, inputs, validator(true, true), bias);
            assertThat(o.decision()).as("biased towards %s, seed %d", bias, seed).isEqualTo(bias);
            // The corrupted sites have no valid pre-vote, so every honest site collects the honest,
            // conflicting ones, abstains, and pre-votes the biased coin in round 2.
            o.instances().forEach((site, a) -> assertThat(a.decisionRound()).as("site %d", site).isEqualTo(2));
        });
    }

    @ParameterizedTest
    @ValueSource(ints = {4, 7, 10})
    void aValidatorAcceptingOnlyOneLetsOnlyOneBeDecidedEvenBiasedTowardsZero(int n) {
        forSeeds(n, seed -> {
            boolean[] inputs = new boolean[n];
            java.util.Arrays.fill(inputs, true);
            Boolean bias = seed % 2 == 0 ? Boolean.FALSE : null;
            Outcome o = run(seed, n, inputs, validator(false, true), bias);
            assertThat(o.decision()).as("seed %d", seed).isTrue();
        });
    }

    @Test
    void aProposalWhoseProofDoesNotValidateOrIsTooLargeIsRefused() {
        ValidatedAbba abba = new ValidatedAbba(ID, keys(4).getFirst(),
                new ValidatedAbba.Validation(validator(false, true)::isValid, null), b -> {
                });
        assertThatThrownBy(() -> abba.propose(false, proofFor(false))).isInstanceOf(IllegalArgumentException.class);
        ValidatedAbba lenient = new ValidatedAbba(ID, keys(4).getFirst(), new ValidatedAbba.Validation((b, p) -> true, null), b -> {
        });
        assertThatThrownBy(() -> lenient.propose(false, new byte[WireLimits.proofBytes(4) + 1]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("over the limit");
    }

    @Test
    void theExternalJustificationRoundTripsAndOnlyInRoundOne() throws MalformedMessageException {
        Share share = new Share(2, new byte[] {7, 8});
        PreVote v = new PreVote(1, true, new External(new byte[] {1, 2, 3}), share);
        PreVote back = (PreVote) AbbaMessage.decode(v.type(), v.body(), 4);
        assertThat(back.justification()).isInstanceOf(External.class);
        assertThat(back.justification().signature()).containsExactly(1, 2, 3);
        PreVote late = new PreVote(2, true, new External(new byte[] {1}), share);
        assertThatThrownBy(() -> AbbaMessage.decode(late.type(), late.body(), 4)).isInstanceOf(MalformedMessageException.class);
    }

    @Test
    void throughTheApiHonestSitesDecideTheSameValidatedValueAndGetItsProof() {
        SimGroup g = new SimGroup(23, 4, 3);
        List<GroupKeys> keys = keys(4);
        BinaryValidator validator = validator(true, true);
        List<ValidatedAgreement> agreements = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            ValidatedAgreement a = new ValidatedAgreement(g.site(i), "vba-api", true);
            agreements.add(a);
            boolean value = i == 0;
            assertThatThrownBy(() -> a.propose(value, proofFor(!value), validator)).isInstanceOf(IllegalArgumentException.class);
            a.propose(new ValidatedNegotiable(value, proofFor(value), validator));
        }
        g.attack(NetworkAttack.SILENT.at(g, 3));
        assertThat(g.runUntil(() -> agreements.stream().allMatch(ValidatedAgreement::canDecide))).isTrue();
        for (ValidatedAgreement a : agreements) {
            assertThat(a.decision()).as("biased towards 1 with conflicting proposals").isTrue();
            assertThat(validator.isValid(true, a.getProof())).isTrue();
            ValidatedNegotiable d = (ValidatedNegotiable) a.decisionNegotiable();
            assertThat(d.isWellFormed()).isTrue();
            assertThat(d.getValidator()).isSameAs(validator);
        }
        Site site = g.site(0);
        ValidatedAgreement spec;
        try (var scope = site.enter()) {
            spec = new ValidatedAgreement("vba-api-2");
        }
        assertThat(spec.bias()).isNull();
        assertThat(spec.getGroupID()).isEqualTo("sim");
        spec.abort();
        assertThat(spec.decisionFuture()).isCompletedExceptionally();
        assertThatThrownBy(spec::getProof).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> spec.propose(true, proofFor(true), validator)).isInstanceOf(IllegalStateException.class);
    }
}
