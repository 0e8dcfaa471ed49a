package org.maftia.group.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.maftia.group.rbc.Rbc;
import org.maftia.group.sim.Byzantine;
import org.maftia.group.sim.SimGroup;
import org.maftia.testkit.property.DeliveryLog;
import org.maftia.testkit.property.Validity;
import org.maftia.testkit.sim.Seeds;

/**
 * The waiting room under the floods of docs/architecture.md ("floods a buffer an honest site keeps for
 * others", "targets a predictable id"): an honest sender's reliable broadcast (Protocol 5) with
 * one honest party starting its instance late, after the sender's and the other parties' messages
 * reached it and waited; the corrupted sites, silent in the broadcast, flood that party's room.
 * Validity (spec 5.2.1.4) asks that the late party delivers all the same, and the broadcast needs
 * it: without its echo the others never reach n-t echoes.
 */
class WaitingRoomSimulationTest {

    private static final String ID = "rbc-late";
    private static final int SENDER = 0;
    private static final int LATE = 1;
    /** When the honest messages have long reached the late party (the links' mean delay is 2 ms). */
    private static final long SETTLED_NANOS = 50_000_000;
    /** When the late party starts its instance, the flood delivered. */
    private static final long LATE_START_NANOS = 200_000_000;

    /** Fresh ids, one tiny message each: more than a room bounding ids at 4,096 would keep. */
    private static final int FRESH_IDS = 4096 + 200;
    /** Junk under one id: more than a quota of 512 messages per id, shared by all senders, would keep. */
    private static final int JUNK_UNDER_ID = 512 + 100;

    /** The flood comes after the honest messages: the room must not give them up for newer ids. */
    @ParameterizedTest
    @ValueSource(ints = {4, 7})
    void aFloodOfFreshIdsDoesNotPushOutTheMessagesALateInstanceNeeds(int n) {
        Seeds.forEachCostly(20, seed -> new LateBroadcast(seed, n, 0, SETTLED_NANOS, (g, c) -> {
            for (int k = 0; k < FRESH_IDS; k++) {
                byte[] junk = {(byte) k};
                g.sites.get(c).start(Byzantine.scripted("fresh-" + c + "-" + k,
                        ctx -> ctx.send(LATE, new RawMessage(MessageTypes.RBC_ECHO, junk)), (ctx, m) -> { }));
            }
        }).check());
    }

    /** The flood comes first, under the id the broadcast will have: it must not fill the id for the honest senders. */
    @ParameterizedTest
    @ValueSource(ints = {4, 7})
    void junkUnderThePredictableIdDoesNotCrowdOutTheHonestMessages(int n) {
        Seeds.forEachCostly(20, seed -> new LateBroadcast(seed, n, SETTLED_NANOS, 0, (g, c) ->
                g.sites.get(c).start(Byzantine.scripted(ID, ctx -> {
                    for (int k = 0; k < JUNK_UNDER_ID; k++) {
                        ctx.send(LATE, new RawMessage(MessageTypes.RBC_ECHO, new byte[] {(byte) k}));
                    }
                }, (ctx, m) -> { }))).check());
    }

    /**
     * A flood far beyond a small room, after the honest messages: the flooders' own messages are
     * evicted, oldest first, and counted against them; the honest senders' stay.
     */
    @ParameterizedTest
    @ValueSource(ints = {4, 7})
    void aFloodBeyondTheRoomEvictsOnlyTheFloodersMessages(int n) {
        Seeds.forEachCostly(20, seed -> {
            LateBroadcast run = new LateBroadcast(seed, n, 0, SETTLED_NANOS, (g, c) -> {
                for (int k = 0; k < 1000; k++) {
                    g.sites.get(c).start(Byzantine.scripted("fresh-" + c + "-" + k,
                            ctx -> ctx.send(LATE, new RawMessage(MessageTypes.RBC_ECHO, new byte[100])), (ctx, m) -> { }));
                }
            });
            GroupSession late = run.g.sites.get(LATE).session();
            run.g.sites.get(LATE).onProtocolThread(() -> late.limitWaitingRoom(new WaitingRoom.Bounds(64 << 10, 32 << 10)));
            run.check();
            for (int c : run.g.corrupted()) {
                assertThat(late.counters().pendingDropped(c)).as("flooder %d's messages dropped", c).isPositive();
            }
            for (int h : run.g.honest()) {
                assertThat(late.counters().pendingDropped(h)).as("honest %d's messages dropped", h).isZero();
            }
            assertThat(late.waitingBytes()).as("the flood, waiting for ids that never start").isLessThanOrEqualTo(64 << 10);
        });
    }

    /** What corrupted site {@code c} of {@code g} does to the late party. */
    @FunctionalInterface
    private interface Flood {
        void by(SimGroup g, int c);
    }

    /**
     * Sender 0 broadcasts at {@code broadcastAtNanos}; every honest party but {@link #LATE} starts
     * at once, {@link #LATE} at {@link #LATE_START_NANOS}; the corrupted sites (the last t) take
     * no part in the broadcast and each floods at {@code floodAtNanos}.
     */
    private static final class LateBroadcast {
        final SimGroup g;
        final DeliveryLog<byte[]> deliveries;
        final byte[] payload;

        LateBroadcast(long seed, int n, long broadcastAtNanos, long floodAtNanos, Flood flood) {
            int t = (n - 1) / 3;
            int[] corrupted = new int[t];
            for (int k = 0; k < t; k++) {
                corrupted[k] = n - 1 - k;
            }
            g = new SimGroup(seed, n, corrupted);
            deliveries = g.log();
            payload = ("payload of seed " + seed).getBytes(StandardCharsets.UTF_8);
            for (int h : g.honest()) {
                Rbc rbc = new Rbc(ID, SENDER, 1 << 20, m -> deliveries.record(h, m));
                if (h == LATE) {
                    g.sim.schedule(LATE_START_NANOS, () -> g.sites.get(h).start(rbc));
                    continue;
                }
                g.sites.get(h).start(rbc);
                if (h == SENDER) {
                    g.sim.schedule(broadcastAtNanos, () -> g.sites.get(h).onProtocolThread(() -> rbc.broadcast(payload)));
                }
            }
            for (int c : g.corrupted()) {
                g.sim.schedule(floodAtNanos, () -> flood.by(g, c));
            }
        }

        /** Runs to the end; every honest party, the late one included, delivered the sender's payload. */
        LateBroadcast check() {
            g.runToQuiescence();
            Validity.delivered(deliveries, List.of(payload));
            return this;
        }
    }
}
