package org.maftia.group.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.maftia.crypto.Share;
import org.maftia.crypto.Tag;
import org.maftia.group.Site;
import org.maftia.group.SiteKeys;
import org.maftia.group.loopback.LoopbackGroup;
import org.maftia.group.abba.Abba;
import org.maftia.group.sim.RawInstance;
import org.maftia.group.sim.SimGroup;
import org.maftia.group.vcbc.Vcbc;
import org.maftia.net.link.LinkMode;
import org.maftia.testkit.net.SimulatedNetwork;
import org.maftia.testkit.sim.Seeds;
import org.maftia.testkit.sim.Simulation;

/**
 * The verification stage (docs/architecture.md, "Threads"): the checks of
 * incoming messages are made ahead, and the protocol thread takes their verdicts instead of
 * computing them; kept verdicts are exact, per key, taken once, and bounded.
 */
class VerificationStageTest {

    private static final List<GroupKeys> KEYS = GroupKeys.dealInProcess(4, 1, new SecureRandom());
    private static final byte[] TAG = Tag.of("stage-test", "id", "group");

    @Test
    void aVerdictComputedAheadIsTakenOnceThenComputedAgain() {
        GroupKeys keys = GroupKeys.dealInProcess(4, 1, new SecureRandom()).getFirst();
        Share share = keys.abbaMain().sign(TAG);
        VerifiedAhead memo = keys.verifiedAhead();

        VerifiedAhead.asStage(() -> keys.abbaMainKey().verifyShare(TAG, share));
        assertThat(memo.computedAhead()).isEqualTo(1);

        assertThat(keys.abbaMainKey().verifyShare(TAG, share).isValid()).isTrue();
        assertThat(memo.takenAhead()).isEqualTo(1);
        assertThat(memo.computedInline()).isZero();

        assertThat(keys.abbaMainKey().verifyShare(TAG, share).isValid()).isTrue();
        assertThat(memo.computedInline()).as("taken once, then computed").isEqualTo(1);
    }

    @Test
    void anInvalidVerdictIsKeptAsInvalidAndNeverServesAnotherKeyOrMessage() {
        GroupKeys keys = GroupKeys.dealInProcess(4, 1, new SecureRandom()).getFirst();
        Share share = keys.abbaMain().sign(TAG);
        byte[] other = Tag.of("stage-test", "id", "other-group");
        VerifiedAhead memo = keys.verifiedAhead();

        VerifiedAhead.asStage(() -> keys.abbaMainKey().verifyShare(other, share));
        assertThat(keys.abbaMainKey().verifyShare(other, share).isValid()).as("wrong message").isFalse();

        VerifiedAhead.asStage(() -> keys.abbaMainKey().verifyShare(TAG, share));
        // The same inputs under S' (another key) are not S's verdict: computed, and invalid there.
        assertThat(keys.abbaPreKey().verifyShare(TAG, new Share(0, share.encoded())).isValid()).isFalse();
        assertThat(memo.computedInline()).isEqualTo(1);
        assertThat(keys.abbaMainKey().verifyShare(TAG, share).isValid()).isTrue();
        assertThat(memo.takenAhead()).isEqualTo(2);
    }

    @Test
    void verdictsNobodyTakesAreBounded() {
        GroupKeys keys = GroupKeys.dealInProcess(4, 1, new SecureRandom()).getFirst();
        Share share = keys.abbaMain().sign(TAG);
        VerifiedAhead.asStage(() -> {
            for (int k = 0; k < VerifiedAhead.CAPACITY + 100; k++) {
                // Distinct garbage signatures (cheap to refuse), as a flooding peer would send.
                keys.abbaMainKey().verify(TAG, java.nio.ByteBuffer.allocate(8).putLong(k).array());
            }
        });
        assertThat(keys.verifiedAhead().waiting()).isEqualTo(VerifiedAhead.CAPACITY);
        assertThat(keys.abbaMainKey().verifyShare(TAG, share).isValid()).isTrue();
    }

    /** In the simulation the stage runs inline: every check of plain ABBA's handlers was made ahead. */
    @Test
    void abbaHandlersTakeEveryCheckFromTheStageInTheSimulation() {
        Seeds.forEachCostly(20, seed -> {
            List<GroupKeys> keys = GroupKeys.dealInProcess(4, 1, new SecureRandom());
            SimGroup g = new SimGroup(seed, 4);
            Map<Integer, Boolean> decisions = new ConcurrentHashMap<>();
            for (int i = 0; i < 4; i++) {
                int site = i;
                Abba abba = new Abba("stage-abba", keys.get(i), b -> decisions.put(site, b));
                g.sites.get(i).start(abba);
                g.sites.get(i).onProtocolThread(() -> abba.propose(site % 2 == 0));
            }
            g.runUntil(() -> decisions.size() == 4);
            assertThat(decisions).hasSize(4);
            assertThat(decisions.values()).as("agreement").containsOnly(decisions.get(0));
            for (GroupKeys k : keys) {
                assertThat(k.verifiedAhead().takenAhead()).isPositive();
                assertThat(k.verifiedAhead().computedInline()).as("checks left to the protocol thread").isZero();
            }
        });
    }

    /** The same for VCBC: the sender's ready shares and every party's final come checked from the stage. */
    @Test
    void vcbcHandlersTakeEveryCheckFromTheStageInTheSimulation() {
        Seeds.forEachCostly(20, seed -> {
            List<GroupKeys> keys = GroupKeys.dealInProcess(4, 1, new SecureRandom());
            SimGroup g = new SimGroup(seed, 4);
            Map<Integer, byte[]> delivered = new ConcurrentHashMap<>();
            for (int i = 0; i < 4; i++) {
                int site = i;
                Vcbc vcbc = new Vcbc("stage-vcbc", 0, keys.get(i).vcbc(), 1 << 10, true, m -> delivered.put(site, m));
                g.sites.get(i).start(vcbc);
                if (i == 0) {
                    g.sites.get(i).onProtocolThread(() -> vcbc.broadcast(new byte[] {1, 2, 3}));
                }
            }
            g.runUntil(() -> delivered.size() == 4);
            assertThat(delivered.values()).hasSize(4).allSatisfy(m -> assertThat(m).containsExactly(1, 2, 3));
            for (GroupKeys k : keys) {
                assertThat(k.verifiedAhead().takenAhead()).isPositive();
                assertThat(k.verifiedAhead().computedInline()).as("checks left to the protocol thread").isZero();
            }
        });
    }

    /**
     * A flood larger than the stage holds: the first {@link GroupSession#MAX_CHECKING} messages
     * wait for their checks, the rest are handed over at once and checked by the handler; when the
     * checks finish the waiting ones are delivered too. Nothing is lost, and nothing waits unbounded.
     */
    @Test
    void aFullStageHandsMessagesOverDirectlyAndLosesNone() {
        List<Runnable> held = new ArrayList<>();
        int extra = 100;
        Flood flood = new Flood(held::add, GroupSession.MAX_CHECKING + extra);
        assertThat(flood.receiver.session().counters().stageFull()).isEqualTo(extra);
        assertThat(flood.received[0]).as("delivered at once, unchecked").isEqualTo(extra);
        assertThat(held).hasSize(GroupSession.MAX_CHECKING);
        held.forEach(Runnable::run);
        flood.sim.runUntilQuiet(1_000_000);
        assertThat(flood.received[0]).isEqualTo(GroupSession.MAX_CHECKING + extra);
    }

    /**
     * Large messages fill the stage's bytes before its count: beyond the byte bound a message is
     * handed over at once, so a flood of large bodies never piles up waiting for the pool.
     */
    @Test
    void aStageFullOfBytesHandsMessagesOverDirectlyAndLosesNone() {
        List<Runnable> held = new ArrayList<>();
        Flood flood = new Flood(held::add, 100, 1024, 10 * 1024);
        assertThat(held).as("ten bodies of 1 KiB fill 10 KiB").hasSize(10);
        assertThat(flood.receiver.session().counters().stageFull()).isEqualTo(90);
        assertThat(flood.received[0]).isEqualTo(90);
        held.forEach(Runnable::run);
        flood.sim.runUntilQuiet(1_000_000);
        assertThat(flood.received[0]).isEqualTo(100);
    }

    /** An executor that refuses work: every message is handed over directly, none lost. */
    @Test
    void aStageThatRefusesWorkLosesNothing() {
        Flood flood = new Flood(r -> {
            throw new RejectedExecutionException("shut down");
        }, 50);
        assertThat(flood.received[0]).isEqualTo(50);
        assertThat(flood.receiver.session().counters().stageFull()).isEqualTo(50);
    }

    /**
     * Site 1 sends {@code count} messages of {@code bodyBytes} to site 0, whose incoming messages
     * go through {@code stage}, which holds {@code checkingBytes} of bodies at most.
     */
    private static final class Flood {
        final Simulation sim = new Simulation(3);
        final SiteRuntime receiver;
        final int[] received = new int[1];

        Flood(java.util.concurrent.Executor stage, int count) {
            this(stage, count, 1, GroupSession.MAX_CHECKING_BYTES);
        }

        Flood(java.util.concurrent.Executor stage, int count, int bodyBytes, long checkingBytes) {
            SimulatedNetwork net = new SimulatedNetwork(sim, 2);
            List<SiteKeys> keys = SimGroup.keys(2);
            receiver = SiteRuntime.of(Site.builder("sim", 0, 2, 0).keys(keys.get(0)).appia(sim.addSite("receiver").appia())
                    .network(net.layerFor(0)).verifyOn(stage).build());
            receiver.onProtocolThread(() -> receiver.session().limitCheckingBytes(checkingBytes));
            SiteRuntime sender = SiteRuntime.of(Site.builder("sim", 1, 2, 0).keys(keys.get(1)).appia(sim.addSite("sender").appia())
                    .network(net.layerFor(1)).build());
            receiver.start(new RawInstance("flood") {
                @Override
                protected void onMessage(int from, int type, byte[] body) {
                    received[0]++;
                }
            });
            sender.start(new RawInstance("flood") {
                @Override
                protected void onStart() {
                    for (int k = 0; k < count; k++) {
                        byte[] body = new byte[bodyBytes];
                        body[0] = (byte) k;
                        ctx.send(0, new RawMessage(MessageTypes.VBA_VOTE, body));
                    }
                }

                @Override
                protected void onMessage(int from, int type, byte[] body) {
                }
            });
            sim.runUntilQuiet(1_000_000);
        }
    }

    /** Over TCP the stage is the shared pool; decisions agree and the handlers computed no check. */
    @Test
    void overTcpTheChecksRunOnThePool() throws Exception {
        try (LoopbackGroup group = LoopbackGroup.create("stage", 4, 1, LinkMode.AEAD)) {
            Map<Integer, Boolean> decisions = new ConcurrentHashMap<>();
            var all = new java.util.concurrent.CountDownLatch(4);
            for (int i = 0; i < 4; i++) {
                int site = i;
                Abba abba = new Abba("stage-tcp", SiteRuntime.of(group.site(i)).keys(), b -> {
                    decisions.put(site, b);
                    all.countDown();
                });
                SiteRuntime.of(group.site(i)).start(abba);
                group.site(i).onProtocolThread(() -> abba.propose(site < 2));
            }
            assertThat(all.await(60, TimeUnit.SECONDS)).as("every site decided").isTrue();
            assertThat(decisions.values()).as("agreement").containsOnly(decisions.get(0));
            for (Site s : group.sites()) {
                GroupKeys k = SiteRuntime.of(s).keys();
                assertThat(k.verifiedAhead().takenAhead()).isPositive();
                assertThat(k.verifiedAhead().computedInline()).isZero();
            }
        }
    }
}
