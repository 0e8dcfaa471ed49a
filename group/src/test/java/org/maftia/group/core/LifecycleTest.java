package org.maftia.group.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.maftia.group.sim.RawInstance;
import org.maftia.group.vba.Vba;

/** The instance tree and its lifecycle: ending a parent ends its sub-protocols, and only legal moves happen. */
class LifecycleTest {

    @Test
    void theTableAllowsOnlyForwardMoves() {
        assertThat(Lifecycle.NEW.canBecome(Lifecycle.RUNNING)).isTrue();
        assertThat(Lifecycle.NEW.canBecome(Lifecycle.ABORTED)).isTrue();
        assertThat(Lifecycle.RUNNING.canBecome(Lifecycle.FINISHED)).isTrue();
        assertThat(Lifecycle.RUNNING.canBecome(Lifecycle.NEW)).isFalse();
        assertThat(Lifecycle.FINISHED.canBecome(Lifecycle.RUNNING)).isFalse();
        assertThat(Lifecycle.ABORTED.canBecome(Lifecycle.FINISHED)).isFalse();
    }

    @Test
    void finishingAVbaFinishesItsBroadcastsAndAgreements() {
        List<GroupKeys> keys = GroupKeys.dealInProcess(4, 1, new SecureRandom());
        Vba vba = new Vba("vba", keys.get(0), v -> true, d -> { });
        ProtocolHarness h = ProtocolHarness.of(vba, 0, 4, 1);
        assertThat(vba.state()).isEqualTo(Lifecycle.RUNNING);
        assertThat(vba.children()).as("the n consistent broadcasts of the proposals").hasSize(4);
        assertThat(h.running()).hasSize(5);

        vba.finish();

        assertThat(vba.state()).isEqualTo(Lifecycle.FINISHED);
        assertThat(vba.children()).isEmpty();
        assertThat(h.running()).as("no sub-protocol left running").isEmpty();
        assertThat(h.finished(Envelope.tagged("vba", "vcbc|2"))).isTrue();
        vba.abort();
        assertThat(vba.state()).as("ending is idempotent: the first end stays").isEqualTo(Lifecycle.FINISHED);
    }

    @Test
    void anInstanceAbortedBeforeItRanNeverStartsAndAChildHasOneParent() {
        ProtocolInstance<?> quiet = new RawInstance("quiet") {
            @Override
            protected void onStart() {
                throw new AssertionError("an aborted instance must not start");
            }

            @Override
            protected void onMessage(int from, int type, byte[] body) {
            }
        };
        quiet.abort();
        ProtocolHarness.of(quiet, 0, 4, 1);
        assertThat(quiet.state()).isEqualTo(Lifecycle.ABORTED);

        ProtocolInstance<?> parent = new RawInstance("p") {
            @Override
            protected void onMessage(int from, int type, byte[] body) {
            }
        };
        ProtocolInstance<?> child = new RawInstance("p|c") {
            @Override
            protected void onMessage(int from, int type, byte[] body) {
            }
        };
        parent.adopt(child);
        assertThatThrownBy(() -> parent.adopt(child)).isInstanceOf(IllegalStateException.class).hasMessageContaining("already");
    }
}
