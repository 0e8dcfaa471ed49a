package org.maftia.testkit.adversary;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class CrashTest {

    @Test
    void aSilentSiteReachesNobodyWhileHonestSitesReachEveryone() {
        Wire w = new Wire(1, 4, 3);
        Crash crash = Crash.silent(3);
        w.net.adversary(crash);
        w.broadcast(3, "from the silent site");
        w.broadcast(0, "from an honest site");
        w.run();
        assertThat(w.textsFrom(3)).isEmpty();
        assertThat(w.textsFrom(0)).hasSize(4).containsOnly("from an honest site");
        assertThat(crash.dropped()).isEqualTo(4);
    }

    @Test
    void aSiteCrashingAtATimeIsHeardBeforeAndNeverAfter() {
        Wire w = new Wire(2, 4, 3);
        w.net.adversary(Crash.at(10_000_000, 3));
        w.broadcast(3, "before");
        w.sim.runFor(20_000_000);
        w.broadcast(3, "after");
        w.send(3, 1, "after, to one");
        w.run();
        assertThat(w.textsFrom(3)).hasSize(4).containsOnly("before");
    }

    @Test
    void aStrategyDrivingAnHonestSiteIsRefusedWithTheReason() {
        Wire w = new Wire(3, 4, 3);
        w.net.adversary(Crash.silent(1));
        w.broadcast(1, "an honest message");
        assertThatThrownBy(w::run).hasMessageContaining("Crash drives site 1, which is honest");
    }
}
