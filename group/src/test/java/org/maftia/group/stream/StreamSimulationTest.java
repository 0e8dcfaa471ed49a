package org.maftia.group.stream;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.maftia.group.AggregatedStream;
import org.maftia.group.Stream;
import org.maftia.group.StreamOptions;
import org.maftia.group.stream.StreamRun.Kind;
import org.maftia.group.stream.StreamRun.Strategy;
import org.maftia.testkit.sim.Seeds;

/**
 * The aggregated reliable and consistent streams (spec 3.2, 5.2.1.8) in the simulation, over many
 * seeds, n in {4, 7} (10 once), t corrupted sites that each run one of the network attacks (over
 * a stream of their own where the attack runs the protocol), broadcast an undecodable entry,
 * equivocate in their sub-broadcasts, forge entries of other origins or numbers, close alone, or
 * withhold an entry from an honest site the network slows and race ahead of it. Checks, with the
 * testkit's checkers where they fit: validity (every honest sender's payloads reach every honest
 * site), integrity and per-sender order, agreement and totality per sender (reliable) or
 * consistency per sender and number (consistent), termination once all honest sites close (and
 * not on the corrupted sites' closes alone), flow control, and bounded instances.
 */
class StreamSimulationTest {

    private static final Strategy[] ALL = Strategy.values();

    /**
     * Runs {@code check} for a share of the build's seeds (1/{@code divisor} of them, at least one):
     * a stream run is dozens of broadcasts, so the full count would take minutes. A seed replayed
     * alone ({@code -Dmaftia.seed}) always runs.
     */
    private static void forSeeds(int divisor, StreamCheck check) {
        Seeds.forEachCostly(Seeds.BUILD_SEEDS / divisor, seed -> {
            try {
                check.run(seed);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    @FunctionalInterface
    private interface StreamCheck {
        void run(long seed) throws InterruptedException;
    }

    private static StreamRun fullRun(long seed, int n, Kind kind, int perSender, Strategy... pick) throws InterruptedException {
        StreamRun r = new StreamRun(seed, n, kind, perSender, StreamOptions.DEFAULT.window(), StreamRun.corrupted(n, seed, pick));
        r.sendAll();
        r.runUntilHonestPayloadsDelivered();
        r.runToQuiescence();
        r.checkIntegrityAndOrder();
        r.checkConsistency();
        if (kind == Kind.RELIABLE) {
            r.checkAgreement();
        }
        long refusable = r.countOf(Strategy.FORGE) + r.countOf(Strategy.UNDECODABLE);
        for (var e : r.streams.entrySet()) {
            assertThat(e.getValue().refusedEntries()).as("site %d refused the forged and undecodable entries", e.getKey())
                    .isEqualTo(refusable);
        }
        r.strategies.forEach((b, s) -> {
            if (s == Strategy.EQUIVOCATE) {
                // RBC: every honest site delivers the version the quorum echoed, the odd one by asking.
                // VCBC: all but the odd site, which never gets a final for its version: b's lane stalls there only.
                long withX = r.streams.keySet().stream().filter(i -> r.fromSender(i, b).equals(
                        List.of(b + "#0x", b + "#1x", b + "#2x").stream().map(p -> "P" + p).toList())).count();
                assertThat(withX).as("honest sites with P%d's three x versions", b)
                        .isEqualTo(kind == Kind.RELIABLE ? r.streams.size() : r.streams.size() - 1);
            }
        });
        r.closeAndCheckTermination();
        r.checkBoundedInstances();
        return r;
    }

    @ParameterizedTest
    @CsvSource({"RELIABLE, 4, 4", "RELIABLE, 7, 5", "CONSISTENT, 4, 5", "CONSISTENT, 7, 10"})
    void honestSendersPayloadsAreDeliveredInOrderConsistentlyAndTheStreamCloses(Kind kind, int n, int divisor) {
        forSeeds(divisor, seed -> fullRun(seed, n, kind, 3, ALL));
    }

    @Test
    void tenSitesWithThreeSilentOnesDeliverAndClose() throws InterruptedException {
        fullRun(1, 10, Kind.RELIABLE, 2, Strategy.SILENT);
    }

    @ParameterizedTest
    @CsvSource({"RELIABLE, 4", "RELIABLE, 7", "CONSISTENT, 4", "CONSISTENT, 7"})
    void theCorruptedSitesClosingAloneDoNotCloseTheStream(Kind kind, int n) {
        forSeeds(10, seed -> {
            StreamRun r = new StreamRun(seed, n, kind, 2, StreamOptions.DEFAULT.window(), StreamRun.corrupted(n, seed, Strategy.CLOSE));
            r.sendAll();
            r.runUntilHonestPayloadsDelivered();
            r.runToQuiescence();
            for (AggregatedStream s : r.streams.values()) {
                assertThat(s.termination()).as("t closes are not enough").isNotDone();
                assertThat(s.isClosed()).isFalse();
                assertThat(s.canSend()).isTrue();
            }
            r.checkIntegrityAndOrder();
            r.closeAndCheckTermination();
        });
    }

    /**
     * A site whose application does not read: it holds a full window of payloads and no more, its
     * own payloads stop coming back so {@link Stream#canSend()} turns false, and the others go on.
     * Once it reads, it gets everything, in order.
     */
    @ParameterizedTest
    @CsvSource({"RELIABLE", "CONSISTENT"})
    void aSiteThatDoesNotReadStallsAndCanNoLongerSendUntilItReads(Kind kind) {
        int n = 4;
        int window = 4;
        forSeeds(10, seed -> {
            StreamRun r = new StreamRun(seed, n, kind, window, window, Map.of());
            int lazy = 3;
            List<Integer> readers = List.of(0, 1, 2);
            AggregatedStream stalled = r.streams.get(lazy);
            for (int i : readers) {
                for (int k = 0; k < r.perSender; k++) {
                    r.send(i);
                }
            }
            int sent = 0;
            while (stalled.canSend() && sent < 3 * window) {
                r.send(lazy);
                int target = ++sent;
                r.g.runUntil(() -> r.drain(readers) && readers.stream().allMatch(i -> r.fromSender(i, lazy).size() >= target));
            }
            r.g.runUntil(() -> r.drain(readers) && false);
            assertThat(stalled.canSend()).as("the window of own payloads in flight is full").isFalse();
            assertThat(sent).as("sent before the window closed").isBetween(window, 2 * window);
            for (int i : readers) {
                for (int j : readers) {
                    assertThat(r.fromSender(i, j)).as("the readers go on without the stalled site").hasSize(r.perSender);
                }
            }
            int unread = 0;
            while (stalled.canReceive()) {
                r.received.record(lazy, new String(stalled.receive(), StandardCharsets.UTF_8));
                unread++;
            }
            assertThat(unread).as("the stalled site holds its window, no more").isEqualTo(window);
            int total = sent;
            boolean caughtUp = r.g.runUntil(() -> r.drain() && r.streams.keySet().stream().allMatch(
                    i -> r.received.count(i) == 3 * r.perSender + total));
            assertThat(caughtUp).as("after reading, everything arrives").isTrue();
            assertThat(stalled.canSend()).isTrue();
            r.checkIntegrityAndOrder();
            r.checkConsistency();
            r.closeAndCheckTermination();
        });
    }

    /**
     * A corrupted sender withholds one entry from an honest party that the network slows, and races
     * {@link StreamRun#RACE} entries past it with the others, who deliver them all long before the
     * laggard even asks for the one it lacks. Reliable stream: the laggard still gets the whole
     * lane (totality per sender: if one honest party delivers an entry, all do). Consistent stream:
     * no totality, the lane stalls at the laggard, the others get it all, and nothing piles up.
     */
    @ParameterizedTest
    @CsvSource({"RELIABLE, 4", "RELIABLE, 7", "CONSISTENT, 4"})
    void aLaggardStillGetsTheLaneOfACorruptedSenderThatRacedAheadOfIt(Kind kind, int n) {
        forSeeds(20, seed -> {
            StreamRun r = new StreamRun(seed, n, kind, 2, StreamOptions.DEFAULT.window(), StreamRun.corrupted(n, seed, Strategy.WITHHOLD));
            r.sendAll();
            r.runUntilHonestPayloadsDelivered();
            int lane = StreamRun.WITHHELD + StreamRun.RACE + 1;
            r.g.runUntil(() -> r.drain() && r.streams.keySet().stream().allMatch(i -> r.strategies.keySet().stream()
                    .allMatch(b -> r.fromSender(i, b).size() == lane)));
            r.runToQuiescence();
            r.checkIntegrityAndOrder();
            r.checkConsistency();
            for (int b : r.strategies.keySet()) {
                List<String> all = r.byzantinePayloads.get(b);
                for (int i : r.streams.keySet()) {
                    List<String> expected = kind == Kind.CONSISTENT && i == r.laggard ? all.subList(0, StreamRun.WITHHELD) : all;
                    assertThat(r.fromSender(i, b)).as("seed %d: P%d's lane at site %d (the laggard is site %d)", seed, b, i, r.laggard)
                            .isEqualTo(expected);
                }
            }
            if (kind == Kind.RELIABLE) {
                r.checkAgreement();
            } else {
                for (int i : r.streams.keySet()) {
                    // The stream, and one live instance per sender: nothing kept for the stalled laggard.
                    assertThat(r.g.sites.get(i).session().activeInstances()).as("site %d", i).isLessThanOrEqualTo(1 + n);
                }
            }
            r.closeAndCheckTermination();
        });
    }

    /**
     * A long consistent stream, with a corrupted sender equivocating in its lane: nothing delivered
     * is kept, so the instances stay at one per sender and the stream's own.
     */
    @Test
    void aConsistentStreamKeepsNoDeliveredInstance() throws InterruptedException {
        StreamRun r = new StreamRun(3, 4, Kind.CONSISTENT, 25, StreamOptions.DEFAULT.window(), Map.of(3, Strategy.EQUIVOCATE));
        r.sendAll();
        r.runUntilHonestPayloadsDelivered();
        r.runToQuiescence();
        r.checkIntegrityAndOrder();
        r.checkConsistency();
        r.checkBoundedInstances();
        for (int i : r.streams.keySet()) {
            assertThat(r.g.sites.get(i).session().activeInstances()).as("site %d", i).isLessThanOrEqualTo(1 + 4);
        }
        r.closeAndCheckTermination();
    }

    /**
     * A long reliable stream where every party reports its progress: each delivered instance is
     * finished once all reported it, so at quiescence a lane keeps only the entries after its last
     * report (fewer than {@link Aggregation#REPORT_EVERY}).
     */
    @Test
    void aReliableStreamFinishesWhatEveryPartyReportedDelivered() throws InterruptedException {
        int n = 4;
        StreamRun r = new StreamRun(3, n, Kind.RELIABLE, 25, StreamOptions.DEFAULT.window(), Map.of());
        r.sendAll();
        r.runUntilHonestPayloadsDelivered();
        r.runToQuiescence();
        r.checkIntegrityAndOrder();
        r.checkAgreement();
        for (int i : r.streams.keySet()) {
            assertThat(r.g.sites.get(i).session().activeInstances()).as("site %d", i)
                    .isLessThanOrEqualTo(1 + n + n * (Aggregation.REPORT_EVERY - 1));
        }
        r.closeAndCheckTermination();
    }
}
