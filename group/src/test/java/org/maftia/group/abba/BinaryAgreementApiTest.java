package org.maftia.group.abba;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import org.maftia.group.BinaryAgreement;
import org.maftia.group.BinaryNegotiable;
import org.maftia.group.Site;
import org.maftia.group.sim.NetworkAttack;
import org.maftia.group.sim.SimGroup;
import org.junit.jupiter.api.Test;

/** The spec 3.2 agreement API over ABBA, in the simulation. */
class BinaryAgreementApiTest {

    @Test
    void honestSitesProposingThroughTheApiDecideTheSameBitAndCanRead() {
        SimGroup g = new SimGroup(17, 4, 3);
        List<BinaryAgreement> agreements = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            BinaryAgreement a = new BinaryAgreement(g.site(i), "ba-1", "sim");
            agreements.add(a);
            assertThat(a.canDecide()).isFalse();
            a.propose(new BinaryNegotiable(i % 2 == 0));
        }
        g.attack(NetworkAttack.SILENT.at(g, 3));

        assertThat(g.runUntil(() -> agreements.stream().allMatch(BinaryAgreement::canDecide))).isTrue();

        boolean decided = agreements.getFirst().decision();
        for (BinaryAgreement a : agreements) {
            assertThat(a.decision()).isEqualTo(decided);
            assertThat(((BinaryNegotiable) a.decisionNegotiable()).getValue()).isEqualTo(decided);
            assertThat(a.decisionBit()).isCompletedWithValue(decided);
        }
    }

    @Test
    void theSpecShapedConstructorFindsTheSiteBoundToTheThreadAndAbortFailsWaiters() {
        SimGroup g = new SimGroup(5, 4);
        Site site = g.site(0);
        BinaryAgreement a;
        try (var scope = site.enter()) {
            a = new BinaryAgreement("ba-2", "sim");
        }
        assertThat(a.getGroupID()).isEqualTo("sim");
        a.abort();
        assertThat(a.decisionBit()).isCompletedExceptionally();
        assertThatThrownBy(() -> a.decisionBit().join()).hasCauseInstanceOf(CancellationException.class);
        // Four simulated sites are open, none bound to this thread: which one is meant is ambiguous.
        assertThatThrownBy(() -> new BinaryAgreement("ba-3", "sim"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("none is bound to thread")
                .hasMessageContaining("pass the site as the first argument").hasMessageContaining("site.enter()");
        assertThatThrownBy(() -> new BinaryAgreement(site, "ba-4", "other"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not 'other'");
    }
}
