package org.maftia.group.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.maftia.crypto.Share;
import org.maftia.crypto.Tag;
import org.maftia.group.LoopbackGroup;
import org.maftia.group.abba.Abba;
import org.maftia.group.sim.SimGroup;
import org.maftia.net.link.LinkMode;
import org.maftia.testkit.sim.Seeds;

/**
 * The verification stage (DESIGN.md, "Heavy crypto off the protocol thread"): the checks of
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

    /** Over TCP the stage is the shared pool; decisions agree and the handlers computed no check. */
    @Test
    void overTcpTheChecksRunOnThePool() throws Exception {
        try (LoopbackGroup group = LoopbackGroup.create("stage", 4, 1, LinkMode.AEAD)) {
            Map<Integer, Boolean> decisions = new ConcurrentHashMap<>();
            var all = new java.util.concurrent.CountDownLatch(4);
            for (int i = 0; i < 4; i++) {
                int site = i;
                Abba abba = new Abba("stage-tcp", KEYS.get(i), b -> {
                    decisions.put(site, b);
                    all.countDown();
                });
                group.site(i).start(abba);
                group.site(i).onProtocolThread(() -> abba.propose(site < 2));
            }
            assertThat(all.await(60, TimeUnit.SECONDS)).as("every site decided").isTrue();
            assertThat(decisions.values()).as("agreement").containsOnly(decisions.get(0));
            for (GroupKeys k : KEYS) {
                assertThat(k.verifiedAhead().takenAhead()).isPositive();
                assertThat(k.verifiedAhead().computedInline()).isZero();
            }
        }
    }
}
