package org.maftia.group.stream;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.maftia.crypto.ThresholdSigner;
import org.maftia.group.AggregatedStream;
import org.maftia.group.ConsistentStream;
import org.maftia.group.ReliableStream;
import org.maftia.group.Stream;
import org.maftia.group.core.Digest;
import org.maftia.group.StreamOptions;
import org.maftia.group.core.GroupKeys;
import org.maftia.group.core.RawMessage;
import org.maftia.group.core.SiteRuntime;
import org.maftia.group.core.MessageTypes;
import org.maftia.group.rbc.Rbc;
import org.maftia.group.sim.Byzantine;
import org.maftia.group.sim.NetworkAttack;
import org.maftia.group.sim.SimGroup;
import org.maftia.group.vcbc.EquivocatingVcbcSender;
import org.maftia.group.vcbc.Vcbc;
import org.maftia.testkit.net.Adversary;
import org.maftia.testkit.property.Agreement;
import org.maftia.testkit.property.DeliveryLog;
import org.maftia.testkit.property.Integrity;
import org.maftia.testkit.property.Termination;
import org.maftia.testkit.property.TotalOrder;
import org.maftia.testkit.property.Validity;

/**
 * One run of an aggregated stream in the simulated group: the honest sites' streams and what their
 * applications received, the corrupted sites' strategies (network attacks, or scripts on the
 * stream's sub-broadcast ids), and the checks of the stream's properties with the testkit's
 * checkers. Payloads name their origin and number ("P2#5"), so the checks can sort what a site
 * received by sender.
 */
final class StreamRun {

    static final String ID = "stream-test";
    static final String GROUP = "sim";
    /** The number of the entry a {@link Strategy#WITHHOLD} sender withholds from the laggard. */
    static final int WITHHELD = 1;
    /** How many entries a {@link Strategy#WITHHOLD} sender broadcasts after the one it withholds. */
    static final int RACE = 16;
    /**
     * The extra delay of every message to the laggard: long enough for the others to deliver all
     * {@link #RACE} entries before the laggard even asks for the one it lacks (finite, as the
     * asynchronous model's fair scheduling requires).
     */
    static final long LAGGARD_DELAY_NANOS = 300_000_000;

    enum Kind {
        RELIABLE("rbc"), CONSISTENT("cbc");

        final String tag;

        Kind(String tag) {
            this.tag = tag;
        }
    }

    /**
     * What a corrupted site does: a network attack, over a stream of its own with payloads of its
     * own where the attack runs the protocol, or a script on the stream's sub-broadcasts.
     */
    enum Strategy {
        /** Takes no part. */
        SILENT(NetworkAttack.SILENT),
        /** Runs the stream, then crashes mid-run. */
        CRASH(NetworkAttack.CRASH),
        /** Runs the stream, but its messages arrive with a few bytes flipped. */
        MUTATE(NetworkAttack.MUTATE),
        /** Runs the stream, but half the sites get another version of each of its messages. */
        HALVES(NetworkAttack.EQUIVOCATE),
        /** Runs the stream but ignores one honest site, whose traffic the network delays. */
        DELAY_HONEST(NetworkAttack.DELAY_HONEST),
        /** Junk and replays in every sub-broadcast it hears of. */
        NOISE(NetworkAttack.NOISE),
        /** Bursts of tiny messages under sub-broadcast ids that never start. */
        FRESH_IDS(NetworkAttack.FRESH_IDS),
        /** Junk under the ids of the lanes' next sub-broadcasts, before they start. */
        PREDICTABLE_IDS(NetworkAttack.PREDICTABLE_IDS),
        /** Broadcasts, with the real protocol, an entry that does not decode. */
        UNDECODABLE(null),
        /** Sends different entries to different parties in its instances 0..2. */
        EQUIVOCATE(null),
        /** Broadcasts, with the real protocol, an entry of another origin or with another number. */
        FORGE(null),
        /** Broadcasts its close, then a payload after it. */
        CLOSE(null),
        /**
         * Withholds its entry {@link StreamRun#WITHHELD} from the {@link StreamRun#laggard}, whose
         * incoming links the network slows, and races {@link StreamRun#RACE} entries past it with
         * the other parties.
         */
        WITHHOLD(null);

        /** The network attack it makes, if any. */
        final NetworkAttack attack;

        Strategy(NetworkAttack attack) {
            this.attack = attack;
        }
    }

    final SimGroup g;
    final Kind kind;
    final int perSender;
    final Map<Integer, AggregatedStream> streams = new TreeMap<>();
    /** What the honest sites' applications received, in order. */
    final DeliveryLog<String> received;
    /** How many payloads each honest site sent. */
    final Map<Integer, Integer> sent = new HashMap<>();
    final Map<Integer, Strategy> strategies = new HashMap<>();
    /** The streams the corrupted sites run under a network attack; their applications never read. */
    private final Map<Integer, AggregatedStream> corruptedStreams = new TreeMap<>();
    /** Per corrupted site, every payload it put in an entry it may get delivered, as sent. */
    final Map<Integer, List<String>> byzantinePayloads = new HashMap<>();
    /** The honest site a {@link Strategy#WITHHOLD} sender leaves behind. */
    final int laggard;
    int maxActiveInstances;

    StreamRun(long seed, int n, Kind kind, int perSender, int window, Map<Integer, Strategy> corrupted) {
        this.g = new SimGroup(seed, n, corrupted.keySet().stream().mapToInt(Integer::intValue).toArray());
        this.kind = kind;
        this.perSender = perSender;
        this.strategies.putAll(corrupted);
        this.received = g.log();
        this.laggard = g.honest().get((int) Math.floorMod(seed, g.honest().size()));
        // The sites' own keys: a corrupted site signs with its real share, as it could.
        List<GroupKeys> keys = kind == Kind.CONSISTENT ? g.sites.stream().map(SiteRuntime::keys).toList() : null;
        for (int i : g.honest()) {
            streams.put(i, stream(i, keys, window));
        }
        List<ThresholdSigner> coalition = new ArrayList<>();
        if (keys != null) {
            corrupted.keySet().forEach(c -> coalition.add(keys.get(c).vcbc()));
        }
        List<Adversary> attacks = new ArrayList<>();
        corrupted.forEach((b, s) -> {
            byzantinePayloads.put(b, new ArrayList<>());
            if (s.attack != null) {
                attacks.addAll(s.attack.at(g, b));
            }
            corrupt(seed, b, s, keys, coalition);
        });
        if (corrupted.containsValue(Strategy.WITHHOLD)) {
            // The network colludes: everything the laggard receives comes late.
            attacks.add((m, net) -> m.to() == laggard && m.from() != laggard
                    ? new Adversary.Deliver(LAGGARD_DELAY_NANOS) : Adversary.DELIVER);
        }
        g.attack(attacks);
    }

    private AggregatedStream stream(int i, List<GroupKeys> keys, int window) {
        StreamOptions options = StreamOptions.DEFAULT.withWindow(window);
        return kind == Kind.RELIABLE ? new ReliableStream(g.site(i), ID, GROUP, options)
                : new ConsistentStream(g.site(i), ID, GROUP, options);
    }

    static String payload(int origin, long k) {
        return "P" + origin + "#" + k;
    }

    static int originOf(String payload) {
        return Integer.parseInt(payload.substring(1, payload.indexOf('#')));
    }

    private String subId(int j, long k) {
        return Aggregation.subId(ID, kind.tag, j, k);
    }

    /** Starts, at corrupted site b, what its strategy runs, besides its network attack. */
    private void corrupt(long seed, int b, Strategy s, List<GroupKeys> keys, List<ThresholdSigner> coalition) {
        var site = g.sites.get(b);
        GroupKeys own = keys == null ? null : keys.get(b);
        switch (s) {
            case SILENT, NOISE, FRESH_IDS, PREDICTABLE_IDS -> { }
            // The stream itself, whose messages the attack silences, alters or misdirects.
            case CRASH, MUTATE, HALVES, DELAY_HONEST -> corruptedStreams.put(b, stream(b, keys, StreamOptions.DEFAULT.window()));
            // Kind 0 is no entry kind: the entry never decodes.
            case UNDECODABLE -> broadcastWithTheProtocol(b, 0, new byte[] {0, 0, (byte) b, 1, 2, 3}, own);
            case EQUIVOCATE -> {
                int odd = g.honest().get((int) Math.floorMod(seed, g.honest().size()));
                for (int k = 0; k < 3; k++) {
                    long kk = k;
                    String x = "P" + b + "#" + k + "x";
                    String y = "P" + b + "#" + k + "y";
                    byzantinePayloads.get(b).add(x);
                    byzantinePayloads.get(b).add(y);
                    byte[] ex = new StreamEntry.Data(b, kk, x.getBytes(StandardCharsets.UTF_8)).encode();
                    byte[] ey = new StreamEntry.Data(b, kk, y.getBytes(StandardCharsets.UTF_8)).encode();
                    if (kind == Kind.RELIABLE) {
                        // x to every party but one, whose RBC must then ask for x (Protocol 5, lines 20-27).
                        site.start(Byzantine.scripted(subId(b, k), ctx -> {
                            for (int to = 0; to < ctx.n(); to++) {
                                ctx.send(to, new RawMessage(MessageTypes.RBC_SEND, to == odd ? ey : ex));
                            }
                            ctx.sendAll(new RawMessage(MessageTypes.RBC_ECHO, Digest.of(ex).bytes()));
                            ctx.sendAll(new RawMessage(MessageTypes.RBC_READY, Digest.of(ex).bytes()));
                        }, (ctx, m) -> { }));
                    } else {
                        // The odd party never gets a final for its payload: its part of b's lane stalls.
                        site.start(new EquivocatingVcbcSender(subId(b, k), GROUP, b, coalition, to -> to == odd ? ey : ex));
                    }
                }
            }
            case FORGE -> {
                int victim = g.honest().getFirst();
                boolean otherOrigin = seed % 2 == 0;
                // Refused by every honest party, so not among b's deliverable payloads.
                String forged = payload(otherOrigin ? victim : b, otherOrigin ? 0 : 5) + "forged";
                byte[] entry = new StreamEntry.Data(otherOrigin ? victim : b, otherOrigin ? 0 : 5,
                        forged.getBytes(StandardCharsets.UTF_8)).encode();
                broadcastWithTheProtocol(b, 0, entry, own);
            }
            case CLOSE -> {
                // After b's close its lane ends: the payload after it is never deliverable.
                String after = payload(b, 1) + "after-close";
                broadcastWithTheProtocol(b, 0, new StreamEntry.Close(b, new byte[0]).encode(), own);
                broadcastWithTheProtocol(b, 1, new StreamEntry.Data(b, 1, after.getBytes(StandardCharsets.UTF_8)).encode(), own);
            }
            case WITHHOLD -> withholdAndRace(b, own, coalition);
        }
    }

    /**
     * Corrupted site b's entries 0 to {@link #WITHHELD} + {@link #RACE}, all at once, each with the
     * real protocol but entry {@link #WITHHELD}: RBC sends it to every party but the laggard, which
     * must then ask for it (Protocol 5, lines 20-27); VCBC sends the laggard another entry, which
     * gathers no final, as if it had none.
     */
    private void withholdAndRace(int b, GroupKeys own, List<ThresholdSigner> coalition) {
        var site = g.sites.get(b);
        for (int k = 0; k <= WITHHELD + RACE; k++) {
            String p = payload(b, k);
            byzantinePayloads.get(b).add(p);
            byte[] entry = new StreamEntry.Data(b, k, p.getBytes(StandardCharsets.UTF_8)).encode();
            if (k != WITHHELD) {
                broadcastWithTheProtocol(b, k, entry, own);
            } else if (kind == Kind.RELIABLE) {
                site.start(Byzantine.scripted(subId(b, k), ctx -> {
                    for (int to = 0; to < ctx.n(); to++) {
                        if (to != laggard) {
                            ctx.send(to, new RawMessage(MessageTypes.RBC_SEND, entry));
                        }
                    }
                    ctx.sendAll(new RawMessage(MessageTypes.RBC_ECHO, Digest.of(entry).bytes()));
                    ctx.sendAll(new RawMessage(MessageTypes.RBC_READY, Digest.of(entry).bytes()));
                }, (ctx, m) -> { }));
            } else {
                byte[] other = new StreamEntry.Data(b, k, (p + "other").getBytes(StandardCharsets.UTF_8)).encode();
                site.start(new EquivocatingVcbcSender(subId(b, k), GROUP, b, coalition, to -> to == laggard ? other : entry));
            }
        }
    }

    /** The real sub-broadcast, run by corrupted site b as its k-th, on content of its choosing. */
    private void broadcastWithTheProtocol(int b, long k, byte[] entry, GroupKeys keys) {
        var site = g.sites.get(b);
        if (kind == Kind.RELIABLE) {
            Rbc rbc = new Rbc(subId(b, k), b, Rbc.DEFAULT_MAX_PAYLOAD, m -> { });
            site.start(rbc);
            site.onProtocolThread(() -> rbc.broadcast(entry));
        } else {
            Vcbc vcbc = new Vcbc(subId(b, k), b, keys.vcbc(), Vcbc.DEFAULT_MAX_PAYLOAD, false, m -> { });
            site.start(vcbc);
            site.onProtocolThread(() -> vcbc.broadcast(entry));
        }
    }

    long countOf(Strategy s) {
        return strategies.values().stream().filter(x -> x == s).count();
    }

    /** Every honest site sends its {@link #perSender} payloads, and so does every corrupted site that runs the stream. */
    void sendAll() throws InterruptedException {
        for (int i : streams.keySet()) {
            for (int k = 0; k < perSender; k++) {
                send(i);
            }
        }
        for (var e : corruptedStreams.entrySet()) {
            for (int k = 0; k < perSender; k++) {
                String p = payload(e.getKey(), k);
                byzantinePayloads.get(e.getKey()).add(p);
                e.getValue().send(p.getBytes(StandardCharsets.UTF_8));
            }
        }
    }

    /** Site i sends its next payload. */
    void send(int i) throws InterruptedException {
        int k = sent.merge(i, 1, Integer::sum) - 1;
        streams.get(i).send(payload(i, k).getBytes(StandardCharsets.UTF_8));
    }

    /** The applications read what is there (those in {@code readers}); returns true (for conditions). */
    boolean drain(java.util.Collection<Integer> readers) {
        for (int i : readers) {
            AggregatedStream s = streams.get(i);
            while (s.canReceive()) {
                received.record(i, new String(s.receive(), StandardCharsets.UTF_8));
            }
        }
        for (int i : streams.keySet()) {
            maxActiveInstances = Math.max(maxActiveInstances, g.sites.get(i).session().activeInstances());
        }
        return true;
    }

    boolean drain() {
        return drain(streams.keySet());
    }

    /** Runs, reading, until every honest site received every honest site's payloads, and checks it did (validity). */
    void runUntilHonestPayloadsDelivered() {
        List<String> honestPayloads = new ArrayList<>();
        g.honest().forEach(j -> sentBy(j).forEach(honestPayloads::add));
        g.runUntil(() -> drain() && streams.keySet().stream()
                .allMatch(i -> g.honest().stream().allMatch(j -> fromSender(i, j).size() >= perSender)));
        Validity.delivered(received, honestPayloads);
    }

    /** What honest site j sent, in order. */
    private List<String> sentBy(int j) {
        List<String> payloads = new ArrayList<>();
        for (int k = 0; k < sent.getOrDefault(j, 0); k++) {
            payloads.add(payload(j, k));
        }
        return payloads;
    }

    void runToQuiescence() {
        g.runUntil(() -> drain() && false);
    }

    /** What site i received from sender j, in order. */
    List<String> fromSender(int i, int j) {
        return received.at(i).stream().filter(p -> originOf(p) == j).toList();
    }

    /** What the honest sites received from sender j, each in its order. */
    private DeliveryLog<String> fromSender(int j) {
        return received.restrictedTo("P" + j + "'s payloads", p -> originOf(p) == j);
    }

    /**
     * Integrity and per-sender order: an honest sender's payloads come in the order sent, each at
     * most once, nothing it did not send; a corrupted sender's at most once, only among what it
     * broadcast in entries it may get delivered.
     */
    void checkIntegrityAndOrder() {
        Map<Integer, List<String>> honestSent = new HashMap<>();
        g.honest().forEach(j -> honestSent.put(j, sentBy(j)));
        Integrity.fifo(received, StreamRun::originOf, honestSent);
        Integrity.onlySent(received, StreamRun::originOf, byzantinePayloads);
        Integrity.noDuplicates(received);
    }

    /** Consistency: for every sender, no two honest sites received different k-th payloads. */
    void checkConsistency() {
        for (int j = 0; j < g.n; j++) {
            TotalOrder.prefixes(fromSender(j));
        }
    }

    /**
     * Agreement and totality (reliable stream, at quiescence): with consistency, every honest site
     * received the same from each sender.
     */
    void checkAgreement() {
        for (int j = 0; j < g.n; j++) {
            Agreement.totality(fromSender(j));
        }
    }

    /** Every honest site closes; every honest stream terminates, is closed once read, and frees its instances. */
    void closeAndCheckTermination() throws InterruptedException {
        streams.values().forEach(AggregatedStream::close);
        g.runUntil(() -> drain() && streams.values().stream().allMatch(AggregatedStream::isClosed));
        Termination.reached(streams.keySet(), "closed (terminated, and read to the end)", i -> streams.get(i).isClosed());
        for (var e : streams.entrySet()) {
            AggregatedStream s = e.getValue();
            assertThat(s.termination()).as("site %d", e.getKey()).isCompleted();
            assertThat(s.canSend()).isFalse();
            s.waitDone();
            org.assertj.core.api.Assertions.assertThatThrownBy(s::receive)
                    .isInstanceOf(org.maftia.group.StreamClosedException.class);
        }
        g.runToQuiescence();
        for (int i : streams.keySet()) {
            assertThat(g.sites.get(i).session().activeInstances()).as("site %d: every sub-broadcast finished", i).isZero();
        }
    }

    /**
     * Bounded state of a consistent stream: per sender one live instance, plus the stream's own;
     * nothing delivered is kept. (A reliable stream keeps delivered instances for parties that
     * have not reported them, within a budget per sender: {@link AggregationRetentionTest}.)
     */
    void checkBoundedInstances() {
        if (kind == Kind.CONSISTENT) {
            assertThat(maxActiveInstances).as("instances at an honest site").isLessThanOrEqualTo(1 + g.n);
        }
    }

    static Map<Integer, Strategy> corrupted(int n, long seed, Strategy... pick) {
        Map<Integer, Strategy> m = new HashMap<>();
        int t = (n - 1) / 3;
        for (int c = 0; c < t; c++) {
            m.put(n - 1 - c, pick[(int) Math.floorMod(seed + c, pick.length)]);
        }
        return m;
    }
}
