package org.maftia.group.vba;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.BiConsumer;
import java.util.function.BiFunction;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.maftia.group.core.Digest;
import org.maftia.group.core.Envelope;
import org.maftia.group.core.GroupKeys;
import org.maftia.group.core.GroupMessageEvent;
import org.maftia.group.core.MalformedMessageException;
import org.maftia.group.core.MessageTypes;
import org.maftia.group.core.RawMessage;
import org.maftia.group.sim.RawInstance;
import org.maftia.group.sim.SimGroup;
import org.maftia.testkit.net.Adversary;
import org.maftia.testkit.property.Agreement;
import org.maftia.testkit.property.DeliveryLog;
import org.maftia.testkit.property.Integrity;
import org.maftia.testkit.property.Termination;
import org.maftia.testkit.property.Validity;
import org.maftia.testkit.sim.Seeds;

/**
 * Protocol 4 with compact closings (see {@link Vba}) in the simulation, n in {4, 7, 10}: a party
 * that decides on a candidate whose payload never reached it fetches it; wrong payloads answered
 * to a fetch, forged compact closings in votes and floods of fetches change nothing. Every run
 * checks, with the testkit's checkers, termination, integrity, agreement, external validity (Q)
 * and that the decision is an honest party's proposal or one a corrupted party validly broadcast.
 * (Forged external proofs in the agreements are {@code ValidatedAgreementSimulationTest}'s.)
 */
class VbaCompactClosingSimulationTest {

    private static final String ID = "vba-compact";
    private static final Map<Integer, List<GroupKeys>> KEYS = new HashMap<>();
    /** Proposals are this large, so a vote or an agreement message that carried one would show. */
    private static final int PROPOSAL_BYTES = 20_000;

    private static synchronized List<GroupKeys> keys(int n) {
        return KEYS.computeIfAbsent(n, k -> GroupKeys.dealInProcess(k, (k - 1) / 3, new SecureRandom()));
    }

    /** P_site's proposal: satisfies {@link VbaSimulationTest#Q}, padded to {@link #PROPOSAL_BYTES}. */
    private static byte[] proposal(int site) {
        return Arrays.copyOf(("ok:" + site).getBytes(StandardCharsets.UTF_8), PROPOSAL_BYTES);
    }

    private static String vcbcId(int j) {
        return Envelope.tagged(ID, "vcbc|" + j);
    }

    private static String abbaId(int a) {
        return Envelope.tagged(ID, "abba|" + a);
    }

    /** One group message on the wire, as the network adversary reads it. */
    record Seen(int from, int to, String protocolId, int type, int bodyLength) {
    }

    /** The network adversary: records every group message and decides its fate by {@code rule}. */
    private static final class Wire implements Adversary {
        final List<Seen> delivered = new ArrayList<>();
        BiFunction<Seen, Boolean, Decision> rule = (seen, corruptedSender) -> DELIVER;

        @Override
        public Decision onMessage(org.maftia.testkit.net.Envelope message, org.maftia.testkit.net.SimulatedNetwork network) {
            if (!(message.event() instanceof GroupMessageEvent e)) {
                return DELIVER;
            }
            Envelope envelope;
            try {
                envelope = Envelope.readFrom(e.getMessage());
            } catch (MalformedMessageException malformed) {
                return DELIVER;
            }
            Seen seen = new Seen(message.from(), message.to(), envelope.protocolId(), envelope.type(), envelope.body().length);
            Decision decision = rule.apply(seen, network.isCorrupted(message.from()));
            if (decision instanceof Deliver) {
                delivered.add(seen);
            }
            return decision;
        }

        long count(int from, int to, String protocolId, int type) {
            return delivered.stream().filter(s -> (from < 0 || s.from() == from) && (to < 0 || s.to() == to)
                    && s.protocolId().equals(protocolId) && s.type() == type).count();
        }
    }

    /** A run: the group, the honest instances and their decisions, the wire. */
    private record Run(SimGroup g, Map<Integer, Vba> honest, DeliveryLog<byte[]> decisions, Wire wire) {

        /**
         * Termination, integrity (one decision), agreement, external validity, and the decision is
         * an honest proposal or one of {@code validlyBroadcast}.
         */
        void check(int... validlyBroadcast) {
            g.runUntil(() -> honest.keySet().stream().allMatch(h -> decisions.count(h) > 0));
            g.runToQuiescence();
            Termination.delivered(decisions, 1);
            Integrity.once(decisions);
            Agreement.check(decisions);
            Validity.external(decisions, "Q", VbaSimulationTest.Q);
            List<Integer> proposers = new ArrayList<>(g.honest());
            Arrays.stream(validlyBroadcast).forEach(proposers::add);
            Validity.proposed(decisions, proposers.stream().map(VbaCompactClosingSimulationTest::proposal).toList());
        }

        byte[] decision() {
            return decisions.at(g.honest().getFirst()).getFirst();
        }
    }

    /** Starts an honest VBA at every site not corrupted; {@code corrupt} starts what each corrupted one runs. */
    private static Run start(long seed, int n, int[] corrupted, BiConsumer<SimGroup, Integer> corrupt, Wire wire) {
        SimGroup g = new SimGroup(seed, n, corrupted);
        g.net.adversary(wire);
        Map<Integer, Vba> honest = new HashMap<>();
        DeliveryLog<byte[]> decisions = g.log();
        for (int i = 0; i < n; i++) {
            int site = i;
            if (g.isCorrupted(i)) {
                corrupt.accept(g, i);
                continue;
            }
            Vba vba = new Vba(ID, keys(n).get(i), VbaSimulationTest.Q, v -> decisions.record(site, v));
            honest.put(i, vba);
            g.sites.get(i).start(vba);
            g.sites.get(i).onProtocolThread(() -> vba.propose(proposal(site)));
        }
        return new Run(g, honest, decisions, wire);
    }

    /**
     * The first candidate c = Π(1) is corrupted: it runs the protocol, but its broadcast (send and
     * final) never reaches the victim. The other broadcasts are slowed, so every other honest party
     * delivers c's proposal before its loop starts and votes 1: every honest party then sees a
     * 1-vote among any n-t votes, proposes 1, and the agreement decides 1 for c.
     */
    private static Run withheldFromVictim(long seed, int n, int[] corrupted, BiConsumer<SimGroup, Integer> others, Wire wire) {
        int c = Vba.permutation(ID, n)[0];
        int victim = (c + 1) % n;
        BiFunction<Seen, Boolean, Adversary.Decision> base = wire.rule;
        wire.rule = (seen, corruptedSender) -> {
            if (seen.from() == c && seen.to() == victim && seen.protocolId().equals(vcbcId(c))) {
                return Adversary.DROP;
            }
            if (seen.type() == MessageTypes.VCBC_SEND && !seen.protocolId().equals(vcbcId(c))) {
                return new Adversary.Deliver(50_000_000);
            }
            return base.apply(seen, corruptedSender);
        };
        return start(seed, n, corrupted, (g, site) -> {
            if (site == c) {
                // c runs the protocol, so its proposal is validly broadcast to every party but the victim.
                Vba candidate = new Vba(ID, keys(n).get(site), VbaSimulationTest.Q, v -> { });
                g.sites.get(site).start(candidate);
                g.sites.get(site).onProtocolThread(() -> candidate.propose(proposal(site)));
            } else {
                others.accept(g, site);
            }
        }, wire);
    }

    private static int[] corruptedWithCandidate(int n, int... more) {
        int[] all = Arrays.copyOf(more, more.length + 1);
        all[more.length] = Vba.permutation(ID, n)[0];
        return all;
    }

    @ParameterizedTest
    @ValueSource(ints = {4, 7})
    void aPartyThatNeverGotTheChosenProposalFetchesItAndVotesStayCompact(int n) {
        Seeds.forEachCostly(n == 4 ? 30 : 10, seed -> {
            int c = Vba.permutation(ID, n)[0];
            int victim = (c + 1) % n;
            Wire wire = new Wire();
            Run r = withheldFromVictim(seed, n, new int[] {c}, (g, site) -> { }, wire);
            r.check(c);
            assertThat(r.decision()).as("c's proposal is decided").isEqualTo(proposal(c));
            assertThat(wire.count(c, victim, vcbcId(c), MessageTypes.VCBC_SEND)).isZero();
            assertThat(wire.count(victim, -1, vcbcId(c), MessageTypes.VCBC_FETCH)).as("the victim fetched").isEqualTo(n - 1);
            assertThat(wire.count(-1, victim, vcbcId(c), MessageTypes.VCBC_FETCHED)).as("and got answers").isPositive();
            for (int h : r.g().honest()) {
                if (h != victim) {
                    assertThat(wire.count(h, -1, vcbcId(c), MessageTypes.VCBC_FETCH)).as("P%d had it: no fetch", h).isZero();
                }
            }
            // Votes and agreement messages carry a digest and a signature, never a proposal.
            assertThat(wire.delivered).filteredOn(s -> s.type() == MessageTypes.VBA_VOTE || s.type() >> 8 == 0x03)
                    .isNotEmpty().allSatisfy(s -> assertThat(s.bodyLength()).isLessThan(4096));
        });
    }

    @ParameterizedTest
    @ValueSource(ints = {7, 10})
    void wrongPayloadsAnsweredToAFetchAreRefused(int n) {
        Seeds.forEachCostly(10, seed -> {
            int c = Vba.permutation(ID, n)[0];
            int victim = (c + 1) % n;
            int liar = (c + 2) % n;
            Wire wire = new Wire();
            // The honest answers come late, so the liars' answers are the first the victim reads.
            wire.rule = (seen, corruptedSender) -> seen.type() == MessageTypes.VCBC_FETCHED && !corruptedSender
                    ? new Adversary.Deliver(20_000_000) : Adversary.DELIVER;
            Run r = withheldFromVictim(seed, n, corruptedWithCandidate(n, liar),
                    (g, site) -> g.sites.get(site).start(liarAnsweringFetches(vcbcId(c))), wire);
            r.check(c);
            assertThat(r.decision()).isEqualTo(proposal(c));
            assertThat(wire.count(liar, victim, vcbcId(c), MessageTypes.VCBC_FETCHED)).as("the liar answered").isPositive();
            assertThat(r.g().sites.get(victim).session().counters().rejectedByProtocol())
                    .as("the wrong payload was refused").isPositive();
        });
    }

    @ParameterizedTest
    @ValueSource(ints = {4, 7})
    void forgedCompactClosingsInVotesAndFloodsOfFetchesChangeNothing(int n) {
        Seeds.forEachCostly(n == 4 ? 30 : 10, seed -> {
            int t = (n - 1) / 3;
            int[] corrupted = new int[t];
            Arrays.setAll(corrupted, k -> n - 1 - k);
            SplittableRandom random = new SplittableRandom(seed);
            Run r = start(seed, n, corrupted, (g, site) -> {
                g.sites.get(site).start(forgingVoter(random.split()));
                for (int j = 0; j < n; j++) {
                    g.sites.get(site).start(fetchFlooder(vcbcId(j), random.split()));
                }
            }, new Wire());
            r.check();
            long refused = r.honest().values().stream().mapToLong(Vba::refusedClosings).sum();
            assertThat(refused).as("every honest party refused the forged 1-votes for a corrupted candidate")
                    .isGreaterThanOrEqualTo(r.g().honest().size());
        });
    }

    /**
     * A corrupted voter: 1-votes for every candidate at once, each with a forged compact closing (a
     * digest of a value satisfying Q and random signature bytes), and then its honest-looking
     * 0-votes as the loop goes on.
     */
    private static RawInstance forgingVoter(SplittableRandom random) {
        return new RawInstance(ID) {
            @Override
            protected void onStart() {
                for (int a = 0; a < ctx.n(); a++) {
                    byte[] signature = new byte[64 + random.nextInt(128)];
                    random.nextBytes(signature);
                    byte[] rho = ByteBuffer.allocate(Digest.LENGTH + signature.length)
                            .put(Digest.of(proposal(a)).bytes()).put(signature).array();
                    ctx.sendAll(new VbaVote(a, true, rho));
                }
            }

            @Override
            protected void onMessage(int from, int type, byte[] body) {
            }
        };
    }

    /** A corrupted party in a broadcast that answers each message with fetches of random digests to everyone. */
    private static RawInstance fetchFlooder(String vcbcId, SplittableRandom random) {
        return new RawInstance(vcbcId) {
            private int budget = 50;

            @Override
            protected void onMessage(int from, int type, byte[] body) {
                if (budget-- > 0) {
                    byte[] d = new byte[Digest.LENGTH];
                    random.nextBytes(d);
                    ctx.sendAll(new RawMessage(MessageTypes.VCBC_FETCH, d));
                    byte[] echoed = body.length >= Digest.LENGTH ? Arrays.copyOf(body, Digest.LENGTH) : d;
                    ctx.sendAll(new RawMessage(MessageTypes.VCBC_FETCH, echoed));
                }
            }
        };
    }

    /** A corrupted party in c's broadcast that answers every fetch with a payload of its own, and does nothing else. */
    private static RawInstance liarAnsweringFetches(String vcbcId) {
        return new RawInstance(vcbcId) {
            @Override
            protected void onMessage(int from, int type, byte[] body) {
                if (type == MessageTypes.VCBC_FETCH) {
                    ctx.send(from, new RawMessage(MessageTypes.VCBC_FETCHED, proposal(ctx.self())));
                }
            }
        };
    }
}
