package org.maftia.testkit.adversary;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.maftia.testkit.adversary.Wire.Received;

class DelayHonestSiteTest {

    private static final long MAX = 100_000_000;

    @Test
    void everythingToOrFromTheTargetIsLateButArrivesAndTheCorruptedSitesShunIt() {
        Wire w = new Wire(11, 4, 3);
        DelayHonestSite delay = new DelayHonestSite(w.sim.random().split(), 1, MAX, 3);
        w.net.adversary(delay);
        w.send(0, 1, "0 to target");
        w.send(1, 2, "target to 2");
        w.send(0, 2, "0 to 2");
        w.send(3, 1, "3 to target");
        w.send(3, 2, "3 to 2");
        w.run();

        assertThat(w.received).extracting(Received::text)
                .containsExactlyInAnyOrder("0 to target", "target to 2", "0 to 2", "3 to 2");
        for (Received r : w.received) {
            boolean involvesTarget = r.from() == 1 || r.to() == 1;
            if (involvesTarget) {
                assertThat(r.atNanos()).as(r.text()).isBetween(MAX / 2, MAX + 5_000_000);
            } else {
                assertThat(r.atNanos()).as(r.text()).isLessThan(MAX / 2);
            }
        }
        assertThat(delay.delayed()).isEqualTo(2);
        assertThat(w.net.stats().droppedByAdversary()).isEqualTo(1);
    }

    @Test
    void theTargetMustBeHonest() {
        Wire w = new Wire(12, 4, 2, 3);
        w.net.adversary(new DelayHonestSite(w.sim.random().split(), 2, MAX, 3));
        w.send(0, 2, "to a corrupted target");
        assertThatThrownBy(w::run).hasMessageContaining("targets site 2, which is corrupted");
    }
}
