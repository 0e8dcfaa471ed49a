package org.maftia.group.vcbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.maftia.crypto.Share;
import org.maftia.crypto.ThresholdParameters;
import org.maftia.crypto.ThresholdSignature;
import org.maftia.crypto.ThresholdSigner;
import org.maftia.crypto.quorum.QuorumDealer;
import org.maftia.group.core.Digest;
import org.maftia.group.core.MalformedMessageException;
import org.maftia.group.core.MessageTypes;
import org.maftia.group.core.RawMessage;
import org.maftia.group.sim.RawInstance;
import org.maftia.group.sim.NetworkAttack;
import org.maftia.group.sim.SimGroup;
import org.maftia.group.vcbc.VcbcMessage.Final;
import org.maftia.group.vcbc.VcbcMessage.Ready;
import org.maftia.testkit.net.Adversary;
import org.maftia.testkit.property.Agreement;
import org.maftia.testkit.property.DeliveryLog;
import org.maftia.testkit.property.Integrity;
import org.maftia.testkit.property.Termination;
import org.maftia.testkit.property.Validity;
import org.maftia.testkit.sim.Seeds;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Protocol 6 in the simulation, over many seeds, n in {4, 7, 10}, with t corrupted sites: the
 * corrupted non-senders each run one of the network attacks (over the protocol where the attack
 * needs it) or send invalid shares and forged finals and answers; a corrupted sender equivocates
 * or lets only one party finish. Checks the properties of consistent broadcast with the testkit's
 * checkers: validity (an honest sender's payload is delivered by all honest parties, and nothing
 * else), consistency (agreement: no two honest parties deliver different payloads), integrity (at
 * most once); and of the verifiable variant: one honest party's closing lets every other deliver
 * the same payload, and a tampered closing is not valid.
 */
class VcbcSimulationTest {

    private static final String ID = "vcbc-test";
    private static final String GROUP = "sim";
    private static final int SENDER = 0;

    private enum SenderMode { HONEST, EQUIVOCATE, FINAL_TO_ONE }

    /** One run: the group, the honest instances, and what each honest site delivered. */
    private record Run(SimGroup g, ThresholdSignature key, Map<Integer, Vcbc> instances, DeliveryLog<byte[]> deliveries) {

        List<Integer> deliveredSites() {
            return deliveries.sites().stream().filter(h -> deliveries.count(h) > 0).toList();
        }

        /** Integrity and consistency: at most once each, the same payload everywhere. */
        void checkSafety() {
            Integrity.once(deliveries);
            Agreement.check(deliveries);
        }
    }

    private static Run run(long seed, int n, SenderMode mode) {
        int t = (n - 1) / 3;
        int[] corrupted = new int[t];
        for (int k = 0; k < t; k++) {
            corrupted[k] = mode == SenderMode.HONEST ? n - 1 - k : k;
        }
        SimGroup g = new SimGroup(seed, n, corrupted);
        var dealt = QuorumDealer.generate(ThresholdParameters.honestMajority(n, t), new SecureRandom());
        byte[] payload = ("payload of seed " + seed).getBytes(StandardCharsets.UTF_8);
        Run r = new Run(g, dealt.publicKey(), new HashMap<>(), g.log());
        List<ThresholdSigner> coalition = new ArrayList<>();
        for (int c : corrupted) {
            coalition.add(dealt.signers().get(c));
        }
        List<Adversary> attacks = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int site = i;
            if (g.isCorrupted(i) && i == SENDER) {
                g.sites.get(i).start(new ByzantineSender(mode, seed, dealt.publicKey(), coalition, g.honest().getFirst()));
            } else if (g.isCorrupted(i)) {
                corruptNonSender(g, seed, i, dealt.signers().get(i), attacks);
            } else {
                Vcbc vcbc = new Vcbc(ID, SENDER, dealt.signers().get(i), 1 << 20, true, m -> r.deliveries().record(site, m));
                r.instances().put(i, vcbc);
                g.sites.get(i).start(vcbc);
                if (i == SENDER) {
                    g.sites.get(i).onProtocolThread(() -> vcbc.broadcast(payload));
                }
            }
        }
        g.attack(attacks);
        g.runToQuiescence();
        r.checkSafety();
        if (mode == SenderMode.HONEST) {
            Termination.delivered(r.deliveries(), 1);
            Validity.delivered(r.deliveries(), List.of(payload));
            Integrity.onlySent(r.deliveries(), m -> SENDER, Map.of(SENDER, List.of(payload)));
        }
        return r;
    }

    /**
     * A corrupted non-sender, varied by seed: one of the network attacks, running the protocol
     * where the attack needs it, or invalid shares and forgeries ({@link Forger}).
     */
    private static void corruptNonSender(SimGroup g, long seed, int site, ThresholdSigner own, List<Adversary> attacks) {
        int pick = (int) Math.floorMod(seed + site, NetworkAttack.values().length + 1);
        if (pick == NetworkAttack.values().length) {
            g.sites.get(site).start(new Forger(seed, own));
            return;
        }
        NetworkAttack attack = NetworkAttack.values()[pick];
        attacks.addAll(attack.at(g, site));
        if (attack.runsProtocol()) {
            // The protocol itself, whose messages the attack silences, alters or misdirects.
            g.sites.get(site).start(new Vcbc(ID, SENDER, own, 1 << 20, true, m -> { }));
        }
    }

    /**
     * On the sender's payload: a ready with random share bytes, a ready with its own valid share on
     * another hash (after which its ready is spent: "for the first time"), a final and an answer
     * with garbage or share-as-signature, to everyone.
     */
    private static final class Forger extends RawInstance {
        private final SplittableRandom random;
        private final ThresholdSigner own;

        private final byte[] atStart;

        Forger(long seed, ThresholdSigner own) {
            this(seed, own, null);
        }

        /** Forges at once, for {@code atStart} as if the sender had sent it, when not null. */
        Forger(long seed, ThresholdSigner own, byte[] atStart) {
            super(ID);
            this.random = new SplittableRandom(seed);
            this.own = own;
            this.atStart = atStart;
        }

        @Override
        protected void onStart() {
            if (atStart != null) {
                onMessage(SENDER, MessageTypes.VCBC_SEND, atStart);
            }
        }

        @Override
        protected void onMessage(int from, int type, byte[] body) {
            if (type != MessageTypes.VCBC_SEND || from != SENDER) {
                return;
            }
            Digest d = Digest.of(body);
            byte[] junk = new byte[1 + random.nextInt(200)];
            random.nextBytes(junk);
            if (random.nextBoolean()) {
                ctx.send(SENDER, new Ready(d, junk));
            } else {
                Digest other = Digest.of("something else".getBytes(StandardCharsets.UTF_8));
                Share wrong = own.sign(Vcbc.readyTag(ID, GROUP, SENDER, other));
                // A valid share, but on the other hash, claimed for d.
                ctx.send(SENDER, new Ready(d, wrong.encoded()));
            }
            Share mine = own.sign(Vcbc.readyTag(ID, GROUP, SENDER, d));
            ctx.sendAll(new Final(d, junk));
            ctx.sendAll(new Final(d, mine.encoded()));
            ctx.sendAll(new VcbcMessage.Answer("forged".getBytes(StandardCharsets.UTF_8), junk));
            ctx.sendAll(new VcbcMessage.Answer(body, mine.encoded()));
        }
    }

    /**
     * A corrupted sender with its coalition's signing keys: it equivocates (two payloads, split by
     * seed) or sends one payload and its final to one honest party only; it combines whatever
     * shares it can (the coalition's and the honest parties' valid ones).
     */
    private static final class ByzantineSender extends RawInstance {
        private final SenderMode mode;
        private final long seed;
        private final ThresholdSignature key;
        private final List<ThresholdSigner> coalition;
        private final int lucky;
        private final Map<Digest, List<Share>> shares = new HashMap<>();
        private final java.util.Set<Digest> finished = new java.util.HashSet<>();

        ByzantineSender(SenderMode mode, long seed, ThresholdSignature key, List<ThresholdSigner> coalition, int lucky) {
            super(ID);
            this.mode = mode;
            this.seed = seed;
            this.key = key;
            this.coalition = coalition;
            this.lucky = lucky;
        }

        private static byte[] version(int v) {
            return ("version " + v).getBytes(StandardCharsets.UTF_8);
        }

        @Override
        protected void onStart() {
            for (int v = 0; v < 2; v++) {
                Digest d = Digest.of(version(v));
                for (ThresholdSigner s : coalition) {
                    shares.computeIfAbsent(d, k -> new ArrayList<>()).add(s.sign(Vcbc.readyTag(ID, GROUP, SENDER, d)));
                }
            }
            for (int to = 0; to < ctx.n(); to++) {
                int v = mode == SenderMode.EQUIVOCATE ? (int) Math.floorMod(to + seed, 2) : 0;
                ctx.send(to, new RawMessage(MessageTypes.VCBC_SEND, version(v)));
            }
        }

        @Override
        protected void onMessage(int from, int type, byte[] body) throws MalformedMessageException {
            if (type != MessageTypes.VCBC_READY) {
                return;
            }
            Ready r = (Ready) VcbcMessage.decode(type, body, 1 << 20, ctx.n());
            byte[] tag = Vcbc.readyTag(ID, GROUP, SENDER, r.d());
            Share share = new Share(from, r.share());
            if (!key.verifyShare(tag, share).isValid()) {
                return;
            }
            List<Share> w = shares.computeIfAbsent(r.d(), k -> new ArrayList<>());
            if (w.stream().anyMatch(s -> s.index() == from)) {
                return; // a coalition member running the protocol, or a replay: one share per holder
            }
            w.add(share);
            if (w.size() >= key.parameters().k() && finished.add(r.d())) {
                Final f = new Final(r.d(), key.combine(tag, w, true));
                if (mode == SenderMode.FINAL_TO_ONE) {
                    ctx.send(lucky, f);
                } else {
                    ctx.sendAll(f);
                }
            }
        }
    }

    /** The closing of one party that delivered: valid, and tampering with it makes it invalid. */
    private static byte[] checkedClosing(Run r) {
        int first = r.deliveredSites().getFirst();
        byte[] c = r.instances().get(first).closing().orElseThrow();
        assertThat(Vcbc.isValidClosing(r.key, ID, GROUP, SENDER, c, 0, c.length)).as("closing of P%d", first).isTrue();
        assertThat(Vcbc.payloadFromClosing(c, 0, c.length)).isEqualTo(r.deliveries().at(first).getFirst());
        byte[] padded = new byte[c.length + 6];
        System.arraycopy(c, 0, padded, 3, c.length);
        assertThat(Vcbc.isValidClosing(r.key, ID, GROUP, SENDER, padded, 3, c.length)).as("closing at an offset").isTrue();
        for (int k = 0; k < c.length; k += Math.max(1, c.length / 23)) {
            byte[] tampered = c.clone();
            tampered[k] ^= 0x10;
            assertThat(Vcbc.isValidClosing(r.key, ID, GROUP, SENDER, tampered, 0, tampered.length))
                    .as("closing with byte %d flipped", k).isFalse();
        }
        assertThat(Vcbc.isValidClosing(r.key, ID, GROUP, SENDER, c, 0, c.length - 1)).as("truncated").isFalse();
        assertThat(Vcbc.isValidClosing(r.key, ID + "x", GROUP, SENDER, c, 0, c.length)).as("other instance").isFalse();
        assertThat(Vcbc.isValidClosing(r.key, ID, "other", SENDER, c, 0, c.length)).as("other group").isFalse();
        assertThat(Vcbc.isValidClosing(r.key, ID, GROUP, SENDER + 1, c, 0, c.length)).as("other sender").isFalse();
        return c;
    }

    @ParameterizedTest
    @ValueSource(ints = {4, 7, 10})
    void anHonestSendersPayloadIsDeliveredOnceByEveryHonestPartyAndItsClosingChecks(int n) {
        Seeds.forEach(60, seed -> {
            Run r = run(seed, n, SenderMode.HONEST);
            byte[] c = checkedClosing(r);
            // A closing given to parties that delivered already changes nothing (integrity).
            for (int h : r.g().honest()) {
                r.g().sites.get(h).onProtocolThread(() -> r.instances().get(h).deliverClosing(c, 0, c.length));
            }
            r.g().runToQuiescence();
            r.checkSafety();
        });
    }

    @ParameterizedTest
    @ValueSource(ints = {4, 7, 10})
    void withAnEquivocatingSenderNoTwoHonestPartiesDeliverDifferentPayloads(int n) {
        Seeds.forEach(60, seed -> {
            Run r = run(seed, n, SenderMode.EQUIVOCATE);
            if (!r.deliveredSites().isEmpty()) {
                // Verifiability: the closing of one lets all the others finish, on the same payload.
                byte[] c = checkedClosing(r);
                for (int h : r.g().honest()) {
                    r.g().sites.get(h).onProtocolThread(() -> r.instances().get(h).deliverClosing(c, 0, c.length));
                }
                r.g().runToQuiescence();
                r.checkSafety();
                // All honest parties deliver after the closing.
                Termination.delivered(r.deliveries(), 1);
            }
        });
    }

    @ParameterizedTest
    @ValueSource(ints = {4, 7, 10})
    void partiesMissingTheFinalDeliverFromAnotherPartysClosing(int n) {
        Seeds.forEach(60, seed -> {
            Run r = run(seed, n, SenderMode.FINAL_TO_ONE);
            int lucky = r.g().honest().getFirst();
            assertThat(r.deliveredSites()).as("only P%d got the final", lucky).containsExactly(lucky);
            byte[] c = checkedClosing(r);
            List<Integer> others = r.g().honest().stream().filter(h -> h != lucky).toList();
            // Half take the closing from above (lines 25-29), half ask for it (lines 22-24).
            for (int h : others) {
                Vcbc v = r.instances().get(h);
                r.g().sites.get(h).onProtocolThread(h % 2 == 0 ? () -> v.deliverClosing(c, 0, c.length) : v::requestClosing);
            }
            r.g().runToQuiescence();
            r.checkSafety();
            Termination.delivered(r.deliveries(), 1);
        });
    }

    @ParameterizedTest
    @ValueSource(ints = {4, 7})
    void invalidSharesAndForgedFinalsAreCountedAndIgnored(int n) {
        int t = (n - 1) / 3;
        Seeds.forEach(20, seed -> {
            SimGroup g = new SimGroup(seed, n, n - 1);
            var dealt = QuorumDealer.generate(ThresholdParameters.honestMajority(n, t), new SecureRandom());
            DeliveryLog<byte[]> got = g.log();
            List<Vcbc> honest = new ArrayList<>();
            for (int i = 0; i < n - 1; i++) {
                int site = i;
                Vcbc v = new Vcbc(ID, SENDER, dealt.signers().get(i), 1 << 20, true, m -> got.record(site, m));
                honest.add(v);
                g.sites.get(i).start(v);
            }
            g.sites.get(n - 1).start(new Forger(seed, dealt.signers().get(n - 1)));
            byte[] m = "m".getBytes(StandardCharsets.UTF_8);
            g.sites.get(SENDER).onProtocolThread(() -> honest.get(SENDER).broadcast(m));
            g.runToQuiescence();
            Termination.delivered(got, 1);
            Integrity.once(got);
            Validity.delivered(got, List.of(m));
            Integrity.onlySent(got, x -> SENDER, Map.of(SENDER, List.of(m)));
            // The sender refused the bad ready (counted by its session, not taken as a share).
            assertThat(g.sites.get(SENDER).session().counters().rejectedByProtocol()).isGreaterThanOrEqualTo(1);
        });
    }

    @org.junit.jupiter.api.Test
    void withASilentSenderForgedFinalsAndAnswersAreRefusedByEveryHonestParty() {
        int n = 7;
        int t = 2;
        Seeds.forEach(20, seed -> {
            SimGroup g = new SimGroup(seed, n, SENDER, n - 1);
            var dealt = QuorumDealer.generate(ThresholdParameters.honestMajority(n, t), new SecureRandom());
            DeliveryLog<byte[]> got = g.log();
            g.attack(NetworkAttack.SILENT.at(g, SENDER));
            for (int i = 1; i < n - 1; i++) {
                int site = i;
                g.sites.get(i).start(new Vcbc(ID, SENDER, dealt.signers().get(i), 1 << 20, true, m -> got.record(site, m)));
            }
            g.sites.get(n - 1).start(new Forger(seed, dealt.signers().get(n - 1), "m".getBytes(StandardCharsets.UTF_8)));
            g.runToQuiescence();
            assertThat(got.sites()).as("nobody delivers without the sender").allSatisfy(h -> assertThat(got.count(h)).isZero());
            for (int i = 1; i < n - 1; i++) {
                // Two forged finals (neither waits: both fail verification) and two forged answers.
                assertThat(g.sites.get(i).session().counters().rejectedByProtocol()).as("site %d", i).isEqualTo(4);
            }
        });
    }

    @ParameterizedTest
    @ValueSource(ints = {4, 7})
    void aPlainConsistentBroadcastRefusesRequestsAndAnswers(int n) {
        int t = (n - 1) / 3;
        SimGroup g = new SimGroup(1, n);
        var dealt = QuorumDealer.generate(ThresholdParameters.honestMajority(n, t), new SecureRandom());
        List<Vcbc> all = new ArrayList<>();
        List<byte[]> got = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Vcbc v = new Vcbc(ID, SENDER, dealt.signers().get(i), 1 << 20, false, got::add);
            all.add(v);
            g.sites.get(i).start(v);
        }
        g.sites.get(SENDER).onProtocolThread(() -> all.get(SENDER).broadcast(new byte[] {7}));
        g.runToQuiescence();
        assertThat(got).hasSize(n);
        assertThat(all.get(1).closing()).isPresent();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> all.get(1).requestClosing())
                .isInstanceOf(UnsupportedOperationException.class);
        byte[] c = all.get(1).closing().orElseThrow();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> all.get(2).deliverClosing(c, 0, c.length))
                .isInstanceOf(UnsupportedOperationException.class);
    }
}
