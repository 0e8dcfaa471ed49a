package org.maftia.group.stream;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.maftia.crypto.ThresholdSigner;
import org.maftia.group.AggregatedStream;
import org.maftia.group.ConsistentStream;
import org.maftia.group.ReliableStream;
import org.maftia.group.core.Digest;
import org.maftia.group.core.GroupKeys;
import org.maftia.group.core.MessageTypes;
import org.maftia.group.rbc.Rbc;
import org.maftia.group.sim.Byzantine;
import org.maftia.group.sim.SimGroup;
import org.maftia.group.vcbc.EquivocatingVcbcSender;
import org.maftia.group.vcbc.Vcbc;

/**
 * One run of an aggregated stream in the simulated group: the honest sites' streams and what their
 * applications received, the corrupted sites' strategies on the stream's sub-broadcast ids, and
 * the checks of the stream's properties. Payloads name their origin and number ("P2#5"), so the
 * checks can sort what a site received by sender.
 */
final class StreamRun {

    static final String ID = "stream-test";
    static final String GROUP = "sim";

    enum Kind {
        RELIABLE("rbc"), CONSISTENT("cbc");

        final String tag;

        Kind(String tag) {
            this.tag = tag;
        }
    }

    /** What a corrupted site does on the stream's sub-broadcasts. */
    enum Strategy {
        /** Takes no part. */
        SILENT,
        /** Replays and sends junk in the honest senders' instances; broadcasts an undecodable entry. */
        GARBAGE,
        /** Sends different entries to different parties in its instances 0..2. */
        EQUIVOCATE,
        /** Broadcasts, with the real protocol, an entry of another origin or with another number. */
        FORGE,
        /** Broadcasts its close, then a payload after it. */
        CLOSE
    }

    final SimGroup g;
    final Kind kind;
    final int perSender;
    final Map<Integer, AggregatedStream> streams = new TreeMap<>();
    final Map<Integer, List<String>> received = new HashMap<>();
    /** How many payloads each honest site sent. */
    final Map<Integer, Integer> sent = new HashMap<>();
    final Map<Integer, Strategy> strategies = new HashMap<>();
    /** Every payload a corrupted site put in an entry it may get delivered, as sent. */
    final List<String> byzantinePayloads = new ArrayList<>();
    int maxActiveInstances;

    StreamRun(long seed, int n, Kind kind, int perSender, int window, Map<Integer, Strategy> corrupted) {
        this.g = new SimGroup(seed, n, corrupted.keySet().stream().mapToInt(Integer::intValue).toArray());
        this.kind = kind;
        this.perSender = perSender;
        this.strategies.putAll(corrupted);
        List<GroupKeys> keys = kind == Kind.CONSISTENT ? GroupKeys.dealInProcess(n, g.t, new SecureRandom()) : null;
        for (int i : g.honest()) {
            streams.put(i, kind == Kind.RELIABLE ? new ReliableStream(g.sites.get(i), ID, GROUP, window)
                    : new ConsistentStream(g.sites.get(i), ID, GROUP, keys.get(i), window));
            received.put(i, new ArrayList<>());
        }
        List<ThresholdSigner> coalition = new ArrayList<>();
        if (keys != null) {
            corrupted.keySet().forEach(c -> coalition.add(keys.get(c).vcbc()));
        }
        corrupted.forEach((b, s) -> corrupt(seed, b, s, keys == null ? null : keys.get(b), coalition));
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

    /** Starts, at corrupted site b, what its strategy runs in place of the stream. */
    private void corrupt(long seed, int b, Strategy s, GroupKeys keys, List<ThresholdSigner> coalition) {
        var site = g.sites.get(b);
        switch (s) {
            case SILENT -> { }
            case GARBAGE -> {
                int[] types = kind == Kind.RELIABLE
                        ? new int[] {MessageTypes.RBC_SEND, MessageTypes.RBC_ECHO, MessageTypes.RBC_READY, MessageTypes.RBC_ANSWER}
                        : new int[] {MessageTypes.VCBC_SEND, MessageTypes.VCBC_READY, MessageTypes.VCBC_FINAL};
                for (int j : g.honest()) {
                    for (int k = 0; k <= perSender; k++) {
                        site.start(Byzantine.garbage(subId(j, k), seed + 31L * j + k, types));
                    }
                }
                // Kind 0 is no entry kind: the entry never decodes.
                broadcastWithTheProtocol(b, 0, new byte[] {0, 0, (byte) b, 1, 2, 3}, keys);
            }
            case EQUIVOCATE -> {
                int odd = g.honest().get((int) Math.floorMod(seed, g.honest().size()));
                for (int k = 0; k < 3; k++) {
                    long kk = k;
                    String x = "P" + b + "#" + k + "x";
                    String y = "P" + b + "#" + k + "y";
                    byzantinePayloads.add(x);
                    byzantinePayloads.add(y);
                    byte[] ex = new StreamEntry.Data(b, kk, x.getBytes(StandardCharsets.UTF_8)).encode();
                    byte[] ey = new StreamEntry.Data(b, kk, y.getBytes(StandardCharsets.UTF_8)).encode();
                    if (kind == Kind.RELIABLE) {
                        // x to every party but one, whose RBC must then ask for x (Protocol 5, lines 20-27).
                        site.start(Byzantine.scripted(subId(b, k), ctx -> {
                            for (int to = 0; to < ctx.n(); to++) {
                                ctx.send(to, MessageTypes.RBC_SEND, to == odd ? ey : ex);
                            }
                            ctx.sendAll(MessageTypes.RBC_ECHO, Digest.of(ex).bytes());
                            ctx.sendAll(MessageTypes.RBC_READY, Digest.of(ex).bytes());
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
                String forged = payload(otherOrigin ? victim : b, otherOrigin ? 0 : 5) + "forged";
                byzantinePayloads.add(forged);
                byte[] entry = new StreamEntry.Data(otherOrigin ? victim : b, otherOrigin ? 0 : 5,
                        forged.getBytes(StandardCharsets.UTF_8)).encode();
                broadcastWithTheProtocol(b, 0, entry, keys);
            }
            case CLOSE -> {
                String after = payload(b, 1) + "after-close";
                byzantinePayloads.add(after);
                broadcastWithTheProtocol(b, 0, new StreamEntry.Close(b, new byte[0]).encode(), keys);
                broadcastWithTheProtocol(b, 1, new StreamEntry.Data(b, 1, after.getBytes(StandardCharsets.UTF_8)).encode(), keys);
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

    /** Every honest site sends its {@link #perSender} payloads. */
    void sendAll() throws InterruptedException {
        for (int i : streams.keySet()) {
            for (int k = 0; k < perSender; k++) {
                send(i);
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
                try {
                    received.get(i).add(new String(s.receive(), StandardCharsets.UTF_8));
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
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

    /** Runs, reading, until every honest site received every honest site's payloads (validity). */
    void runUntilHonestPayloadsDelivered() {
        boolean done = g.runUntil(() -> drain() && streams.keySet().stream()
                .allMatch(i -> g.honest().stream().allMatch(j -> fromSender(i, j).size() >= perSender)));
        assertThat(done).as("validity: every honest site received every honest sender's %d payloads", perSender).isTrue();
    }

    void runToQuiescence() {
        g.runUntil(() -> drain() && false);
    }

    /** What site i received from sender j, in order. */
    List<String> fromSender(int i, int j) {
        return received.get(i).stream().filter(p -> originOf(p) == j).toList();
    }

    /**
     * Integrity and per-sender order: an honest sender's payloads come in the order sent, each at
     * most once, nothing it did not send; a corrupted sender's only among what it broadcast.
     */
    void checkIntegrityAndOrder() {
        for (int i : streams.keySet()) {
            for (int j = 0; j < g.n; j++) {
                List<String> got = fromSender(i, j);
                if (g.isCorrupted(j)) {
                    assertThat(byzantinePayloads).as("site %d from corrupted P%d", i, j).containsAll(got);
                    assertThat(got).as("site %d from corrupted P%d: no forged or after-close entry", i, j)
                            .noneMatch(p -> p.endsWith("forged") || p.endsWith("after-close"));
                    assertThat(got).as("at most once").doesNotHaveDuplicates();
                } else {
                    for (int k = 0; k < got.size(); k++) {
                        assertThat(got.get(k)).as("site %d, P%d's payload %d (FIFO, integrity)", i, j, k).isEqualTo(payload(j, k));
                    }
                    assertThat(got.size()).as("site %d from P%d: no more than sent", i, j).isLessThanOrEqualTo(sent.getOrDefault(j, 0));
                }
            }
        }
    }

    /** Consistency: for every sender, no two honest sites received different k-th payloads. */
    void checkConsistency() {
        for (int j = 0; j < g.n; j++) {
            for (int a : streams.keySet()) {
                for (int b : streams.keySet()) {
                    List<String> x = fromSender(a, j);
                    List<String> y = fromSender(b, j);
                    int common = Math.min(x.size(), y.size());
                    assertThat(x.subList(0, common)).as("P%d's payloads at sites %d and %d", j, a, b).isEqualTo(y.subList(0, common));
                }
            }
        }
    }

    /** Agreement and totality (reliable stream, at quiescence): every honest site received the same from each sender. */
    void checkAgreement() {
        int first = streams.keySet().iterator().next();
        for (int j = 0; j < g.n; j++) {
            for (int i : streams.keySet()) {
                assertThat(fromSender(i, j)).as("P%d's payloads at sites %d and %d", j, i, first).isEqualTo(fromSender(first, j));
            }
        }
    }

    /** Every honest site closes; every honest stream terminates, is closed once read, and frees its instances. */
    void closeAndCheckTermination() throws InterruptedException {
        streams.values().forEach(AggregatedStream::close);
        boolean closed = g.runUntil(() -> drain() && streams.values().stream().allMatch(AggregatedStream::isClosed));
        assertThat(closed).as("all honest closed: every honest stream terminates; terminated %s, received %s",
                streams.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue().termination().isDone()).toList(),
                received).isTrue();
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

    /** Bounded state: per sender one live instance and the retained ones, plus the stream's own. */
    void checkBoundedInstances() {
        int retained = kind == Kind.RELIABLE ? ReliableStream.RETAINED : 0;
        assertThat(maxActiveInstances).as("instances at an honest site").isLessThanOrEqualTo(1 + g.n * (retained + 1));
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
