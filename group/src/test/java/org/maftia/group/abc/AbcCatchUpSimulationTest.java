package org.maftia.group.abc;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.maftia.group.abc.AbcMessages.CatchUpAnswer;
import org.maftia.group.abc.AbcMessages.CatchUpRequest;
import org.maftia.group.abc.AbcMessages.Message;
import org.maftia.group.abc.AbcMessages.Queue;
import org.maftia.group.abc.AbcMessages.Signed;
import org.maftia.group.core.Envelope;
import org.maftia.group.core.GroupKeys;
import org.maftia.group.core.GroupMessageEvent;
import org.maftia.group.core.MalformedMessageException;
import org.maftia.group.core.MessageTypes;
import org.maftia.group.core.RawMessage;
import org.maftia.group.sim.RawInstance;
import org.maftia.group.sim.SimGroup;
import org.maftia.group.stream.StreamEntry;
import org.maftia.net.transport.SiteId;
import org.maftia.testkit.net.Adversary;
import org.maftia.testkit.net.SimulatedNetwork;
import org.maftia.testkit.sim.Seeds;

/**
 * ABC's catch-up (see {@link Abc}) in the simulation, n in {4, 7}: an honest party is cut off (the
 * network holds everything it sends and everything sent to it) while the others order more than
 * 2 * roundsAhead rounds, then reconnected. It must catch up through answers and deliver exactly
 * the others' sequence (same order, nothing twice, nothing missing), and everyone goes on
 * ordering. With a corrupted party that runs the protocol but answers every catch-up request with
 * a forged vector (and malformed ones) and floods the others with requests, the result is the
 * same, and the answering parties stay within their bounds. Corrupted parties that take part while
 * it is away and fall silent when it is back, so that the others need it in every round, cannot
 * stop it either. And t corrupted parties showing rounds far ahead make no one ask.
 */
class AbcCatchUpSimulationTest {

    private static final String ID = "abc-catch-up";
    private static final Map<Integer, List<GroupKeys>> KEYS = new HashMap<>();
    /**
     * Batches of one entry, so the entries take many rounds; windows of 3 rounds, so a party soon
     * falls out of them; 24 decisions kept, fewer than the rounds of a run, so old ones are forgotten.
     */
    private static final Abc.Settings SETTINGS = new Abc.Settings(1, 1 << 12, 3, 3, 64, 24, 32 << 20);
    /** Entries each connected party broadcasts while the lagging one is cut off, and each party after. */
    private static final int WHILE_CUT_OFF = 12;
    private static final int AFTER = 3;

    private static synchronized List<GroupKeys> keys(int n) {
        return KEYS.computeIfAbsent(n, k -> GroupKeys.dealInProcess(k, (k - 1) / 3, new SecureRandom()));
    }

    /** The application at one site: what it delivered, in order. */
    private static final class App implements Abc.Output {
        final List<String> delivered = new ArrayList<>();

        @Override
        public boolean deliver(StreamEntry.Data entry, List<StreamEntry.Data> mine) {
            delivered.add(entry.origin() + "/" + entry.seq() + "/" + new String(entry.payload(), StandardCharsets.UTF_8));
            return true;
        }

        @Override
        public void dropped(StreamEntry.Data mine) {
        }

        @Override
        public void terminated() {
        }
    }

    /** The network adversary: counts catch-up messages on the wire and lets {@link #rule} decide. */
    private static class Wire implements Adversary {
        final Map<List<Integer>, Integer> catchUpMessages = new HashMap<>();
        /** Whether the lagging party was reconnected. */
        boolean reconnected;

        /** Catch-up messages of {@code type} from {@code from} to {@code to} that left. */
        int count(int from, int to, int type) {
            return catchUpMessages.getOrDefault(List.of(from, to, type), 0);
        }

        /** Catch-up messages of {@code type} that left, between any two parties. */
        int count(int type) {
            return catchUpMessages.entrySet().stream().filter(e -> e.getKey().get(2) == type).mapToInt(Map.Entry::getValue).sum();
        }

        @Override
        public final Decision onMessage(org.maftia.testkit.net.Envelope message, SimulatedNetwork network) {
            if (!(message.event() instanceof GroupMessageEvent e) || rule(message.from(), network) == DROP) {
                return rule(message.from(), network);
            }
            try {
                Envelope envelope = Envelope.readFrom(e.getMessage());
                if (envelope.type() == MessageTypes.ABC_CATCH_UP_REQUEST || envelope.type() == MessageTypes.ABC_CATCH_UP_ANSWER) {
                    catchUpMessages.merge(List.of(message.from(), message.to(), envelope.type()), 1, Integer::sum);
                    return catchUpRule(message.from(), message.to(), AbcMessages.decode(envelope.type(), envelope.body()), network);
                }
            } catch (MalformedMessageException malformed) {
                // not ours to judge
            }
            return DELIVER;
        }

        /** The fate of any message from {@code from}. */
        Decision rule(int from, SimulatedNetwork network) {
            return DELIVER;
        }

        /** The fate of a catch-up message. */
        Decision catchUpRule(int from, int to, Message m, SimulatedNetwork network) {
            return DELIVER;
        }
    }

    /** The corrupted parties run the protocol while the lagging party is cut off, and fall silent when it is back. */
    private static final class FallingSilent extends Wire {
        @Override
        Decision rule(int from, SimulatedNetwork network) {
            return reconnected && network.isCorrupted(from) ? DROP : DELIVER;
        }
    }

    /**
     * The corrupted party's catch-up: its own answers are withheld and honest answers slowed, so
     * that the first answer a lagging party reads from it is a forged vector (well-formed: n-t
     * batches of an entry it made up, with random signatures), followed by a malformed one and one
     * for a round not asked; and for each request it sees, it floods every honest party with
     * requests for random rounds and for round 0 again, as long as its budget lasts.
     */
    private static final class Liar extends Wire {
        final int self;
        final int n;
        final SplittableRandom random;
        int requestsInjected;

        Liar(int self, int n, long seed) {
            this.self = self;
            this.n = n;
            this.random = new SplittableRandom(seed);
        }

        @Override
        Decision catchUpRule(int from, int to, Message m, SimulatedNetwork network) {
            if (m instanceof CatchUpAnswer) {
                return from == self ? DROP : new Adversary.Deliver(5_000_000);
            }
            long round = ((CatchUpRequest) m).round();
            if (to == self) {
                inject(network, from, new CatchUpAnswer(round, forgedVector(round)));
                inject(network, from, new CatchUpAnswer(round, new byte[] {0, 9, 9}));
                inject(network, from, new CatchUpAnswer(round + 1, forgedVector(round + 1)));
            }
            for (int h = 0; h < n && requestsInjected < 600; h++) {
                if (h != self) {
                    inject(network, h, new CatchUpRequest(random.nextInt(40)));
                    inject(network, h, new CatchUpRequest(0));
                    requestsInjected += 2;
                }
            }
            return DELIVER;
        }

        private byte[] forgedVector(long round) {
            List<Signed> elements = new ArrayList<>();
            for (int j = 0; j < n - (n - 1) / 3; j++) {
                byte[] entry = new StreamEntry.Data(self, 10_000 + round * n + j, "forged".getBytes(StandardCharsets.UTF_8)).encode();
                byte[] signature = new byte[64];
                random.nextBytes(signature);
                elements.add(new Signed(j, AbcMessages.encodeBatch(List.of(entry)), signature));
            }
            return AbcMessages.encodeProposal(elements);
        }

        private void inject(SimulatedNetwork network, int to, Message m) {
            GroupMessageEvent e = new GroupMessageEvent();
            new Envelope(ID, m.type(), m.body()).writeTo(e.getMessage());
            e.dest = SiteId.of(to);
            network.inject(self, to, e);
        }
    }

    /** One run: the group, every ABC instance (the liar's too: it runs the protocol) and the honest applications. */
    private record Run(SimGroup g, Map<Integer, Abc> instances, Map<Integer, App> apps, int lagging, Set<String> expected) {

        Abc abc(int site) {
            return instances.get(site);
        }
    }

    /**
     * Cuts {@code lagging} off while every other honest party broadcasts {@link #WHILE_CUT_OFF}
     * entries (it broadcasts its own, which wait), until the others are more than 2 * roundsAhead
     * rounds ahead; reconnects it; then every honest party broadcasts {@link #AFTER} more, and the
     * run goes on until every honest party delivered every entry. Corrupted parties run the
     * protocol, as {@code wire} lets them, with nothing of their own to broadcast.
     */
    private static Run cutOffThenReconnect(long seed, int n, int lagging, int[] corrupted, Wire wire) {
        SimGroup g = new SimGroup(seed, n, corrupted);
        g.net.adversary(wire);
        g.net.partition(new int[] {lagging});
        Map<Integer, Abc> instances = new HashMap<>();
        Map<Integer, App> apps = new HashMap<>();
        Set<String> expected = new HashSet<>();
        for (int i = 0; i < n; i++) {
            App app = new App();
            Abc abc = new Abc(ID, keys(n).get(i), SETTINGS, app);
            instances.put(i, abc);
            g.sites.get(i).start(abc);
            if (!g.isCorrupted(i)) {
                apps.put(i, app);
                broadcast(g, i, abc, 0, WHILE_CUT_OFF, expected);
            }
        }
        List<Integer> connected = instances.keySet().stream().filter(i -> i != lagging).toList();
        boolean ahead = g.runUntil(() -> connected.stream().allMatch(i -> instances.get(i).round()
                > instances.get(lagging).round() + 2L * SETTINGS.roundsAhead() + 1));
        assertThat(ahead).as("the others get more than 2 * roundsAhead rounds ahead, seed %d", seed).isTrue();
        wire.reconnected = true;
        g.net.heal();
        for (int i : apps.keySet()) {
            broadcast(g, i, instances.get(i), WHILE_CUT_OFF, AFTER, expected);
        }
        boolean done = g.runUntil(() -> apps.values().stream().allMatch(a -> a.delivered.size() >= expected.size()));
        assertThat(done).as("every honest party delivers everything, seed %d", seed).isTrue();
        g.runToQuiescence();
        Run run = new Run(g, instances, apps, lagging, expected);
        checkOrder(run, seed);
        checkBounds(run, seed);
        return run;
    }

    private static void broadcast(SimGroup g, int site, Abc abc, int from, int count, Set<String> expected) {
        for (int k = from; k < from + count; k++) {
            expected.add(site + "/" + k + "/" + payload(site, k));
        }
        g.sites.get(site).onProtocolThread(() -> {
            for (int k = from; k < from + count; k++) {
                abc.broadcast(new StreamEntry.Data(site, k, payload(site, k).getBytes(StandardCharsets.UTF_8)));
            }
        });
    }

    private static String payload(int site, int k) {
        return "m" + site + "." + k;
    }

    /** Total order, integrity and validity: one sequence everywhere, each entry once, exactly those broadcast. */
    private static void checkOrder(Run run, long seed) {
        List<String> reference = run.apps().get(run.g().honest().stream().filter(i -> i != run.lagging()).findFirst().orElseThrow())
                .delivered;
        run.apps().forEach((site, app) -> {
            assertThat(app.delivered).as("total order at site %d, seed %d", site, seed).isEqualTo(reference);
            assertThat(new HashSet<>(app.delivered)).as("each entry once, all of them, seed %d", seed)
                    .hasSize(app.delivered.size()).isEqualTo(run.expected());
        });
    }

    /** What each honest party holds stays within the settings, and agreements and rounds of the past are freed. */
    private static void checkBounds(Run run, long seed) {
        int n = run.g().n;
        for (int h : run.apps().keySet()) {
            Abc abc = run.abc(h);
            Abc.CatchUpCounters c = abc.catchUpCounters();
            assertThat(c.decisionsHeld()).as("decided vectors held at %d, seed %d", h, seed).isLessThanOrEqualTo(SETTINGS.decisionsKept());
            assertThat(c.requestsWaiting()).as("requests waiting at %d", h).isLessThan(n);
            assertThat(abc.agreementsHeld()).as("agreements held at %d, seed %d", h, seed).isLessThanOrEqualTo(SETTINGS.roundsKept() + 1);
            assertThat(abc.roundsHeld()).as("rounds held at %d", h).isLessThanOrEqualTo(SETTINGS.roundsAhead() + 1);
            // The instance, and per agreement kept: itself, n consistent broadcasts and at most n binary agreements.
            assertThat(run.g().sites.get(h).session().activeInstances()).as("instances at %d, seed %d", h, seed)
                    .isLessThanOrEqualTo(1 + (SETTINGS.roundsKept() + 1) * (1 + 2 * n));
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {4, 7})
    void aPartyCutOffForManyRoundsCatchesUpAndDeliversTheSameSequence(int n) {
        Seeds.forEachCostly(n == 4 ? 16 : 5, seed -> {
            int lagging = (int) Math.floorMod(seed, n);
            Run run = cutOffThenReconnect(seed, n, lagging, new int[0], new Wire());
            Abc.CatchUpCounters c = run.abc(lagging).catchUpCounters();
            assertThat(c.roundsAdopted()).as("the lagging party took rounds from answers, seed %d", seed).isPositive();
            assertThat(c.wrongAnswers()).as("honest parties answer the same vector").isZero();
        });
    }

    @ParameterizedTest
    @ValueSource(ints = {4, 7})
    void forgedAnswersAndFloodsOfRequestsChangeNothing(int n) {
        Seeds.forEachCostly(n == 4 ? 16 : 5, seed -> {
            int liar = (int) Math.floorMod(seed, n);
            int lagging = (liar + 1 + (int) Math.floorMod(seed / n, n - 1)) % n;
            Liar wire = new Liar(liar, n, seed);
            Run run = cutOffThenReconnect(seed, n, lagging, new int[] {liar}, wire);
            Abc.CatchUpCounters c = run.abc(lagging).catchUpCounters();
            assertThat(c.roundsAdopted()).as("the lagging party took rounds from answers, seed %d", seed).isPositive();
            assertThat(c.wrongAnswers()).as("it read the forged vectors, and did not take them").isPositive();
            assertThat(run.g().sites.get(lagging).session().counters().rejectedByProtocol())
                    .as("malformed answers and answers for rounds not asked are refused").isPositive();
            assertThat(wire.requestsInjected).isPositive();
            for (int h : run.apps().keySet()) {
                Abc.CatchUpCounters answering = run.abc(h).catchUpCounters();
                assertThat(wire.count(h, liar, MessageTypes.ABC_CATCH_UP_ANSWER))
                        .as("P%d answers the liar at most once per round decided, seed %d", h, seed)
                        .isLessThanOrEqualTo((int) run.abc(h).round() + 1);
                assertThat(answering.unansweredRequests()).as("P%d dropped the repeated requests", h).isPositive();
            }
        });
    }

    @ParameterizedTest
    @ValueSource(ints = {4, 7})
    void tCorruptedPartiesShowingRoundsFarAheadMakeNoOneAsk(int n) {
        Seeds.forEachCostly(n == 4 ? 10 : 3, seed -> {
            int t = (n - 1) / 3;
            int[] corrupted = new int[t];
            for (int k = 0; k < t; k++) {
                corrupted[k] = (int) Math.floorMod(seed + k, n);
            }
            SimGroup g = new SimGroup(seed, n, corrupted);
            Wire wire = new Wire();
            g.net.adversary(wire);
            Map<Integer, App> apps = new HashMap<>();
            Set<String> expected = new HashSet<>();
            for (int i = 0; i < n; i++) {
                if (g.isCorrupted(i)) {
                    g.sites.get(i).start(showingRoundsAhead(new SplittableRandom(seed + i)));
                    continue;
                }
                App app = new App();
                Abc abc = new Abc(ID, keys(n).get(i), SETTINGS, app);
                apps.put(i, app);
                g.sites.get(i).start(abc);
                broadcast(g, i, abc, 0, WHILE_CUT_OFF, expected);
            }
            assertThat(g.runUntil(() -> apps.values().stream().allMatch(a -> a.delivered.size() >= expected.size())))
                    .as("every honest party delivers everything, seed %d", seed).isTrue();
            g.runToQuiescence();
            List<String> reference = apps.values().iterator().next().delivered;
            apps.values().forEach(a -> assertThat(a.delivered).isEqualTo(reference));
            assertThat(new HashSet<>(reference)).hasSize(reference.size()).isEqualTo(expected);
            assertThat(wire.count(MessageTypes.ABC_CATCH_UP_REQUEST)).as("no one asked, seed %d", seed).isZero();
        });
    }

    /**
     * A corrupted party that answers each queue message for round x with queue messages for rounds
     * beyond every window (x + roundsAhead + 1 and more, and a round far away), as long as its
     * budget lasts.
     */
    private static RawInstance showingRoundsAhead(SplittableRandom random) {
        return new RawInstance(ID) {
            private int budget = 200;

            @Override
            protected void onMessage(int from, int type, byte[] body) throws MalformedMessageException {
                if (type != MessageTypes.ABC_QUEUE || budget-- <= 0) {
                    return;
                }
                long round = Queue.decode(body).round() + SETTINGS.roundsAhead() + 1 + random.nextInt(3);
                byte[] signature = new byte[64];
                random.nextBytes(signature);
                byte[] batch = AbcMessages.encodeBatch(List.of());
                ctx.sendAll(new RawMessage(MessageTypes.ABC_QUEUE, new Queue(round, batch, signature).body()));
                ctx.sendAll(new RawMessage(MessageTypes.ABC_QUEUE, new Queue(1L << 40, batch, signature).body()));
            }
        };
    }

    @ParameterizedTest
    @ValueSource(ints = {4, 7})
    void corruptedPartiesFallingSilentWhenTheLaggingOneIsBackCannotStopIt(int n) {
        Seeds.forEachCostly(n == 4 ? 16 : 5, seed -> {
            int t = (n - 1) / 3;
            int lagging = (int) Math.floorMod(seed, n);
            int[] corrupted = new int[t];
            for (int k = 0; k < t; k++) {
                corrupted[k] = (lagging + 1 + k) % n;
            }
            // Without the corrupted parties, the others need the lagging one in every round.
            Run run = cutOffThenReconnect(seed, n, lagging, corrupted, new FallingSilent());
            assertThat(run.abc(lagging).catchUpCounters().roundsAdopted()).as("seed %d", seed).isPositive();
        });
    }
}
