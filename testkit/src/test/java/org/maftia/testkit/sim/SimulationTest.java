package org.maftia.testkit.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SimulationTest {

    private static final int SITES = 4;
    /** Every site starts HEARTBEATS rounds; each rumour reaches 3 sites, and hops twice more. */
    private static final long EXPECTED_HEARD = (long) SITES * GossipWorkload.HEARTBEATS * (3 + 9 + 27);

    private static Simulation run(long seed, boolean keepTrace) {
        Simulation sim = new Simulation(seed);
        if (keepTrace) {
            sim.keepTrace();
        }
        GossipWorkload gossip = new GossipWorkload(sim, SITES);
        sim.runUntilQuiet(10_000_000);
        assertThat(gossip.totalHeard()).as("rumours heard with seed %d", seed).isEqualTo(EXPECTED_HEARD);
        return sim;
    }

    @Test
    void theSameSeedReplaysTheSameRunEventForEvent() {
        Simulation first = run(42, true);
        Simulation second = run(42, true);

        assertThat(first.trace()).isNotEmpty().isEqualTo(second.trace());
        assertThat(first.fingerprint()).isEqualTo(second.fingerprint());
        assertThat(first.nowNanos()).isEqualTo(second.nowNanos());
    }

    @Test
    void differentSeedsGiveDifferentRuns() {
        Simulation a = run(1, true);
        Simulation b = run(2, true);

        assertThat(a.trace()).isNotEqualTo(b.trace());
        assertThat(a.fingerprint()).isNotEqualTo(b.fingerprint());
    }

    @Test
    void runsOverManySeedsAreAllDistinctAndEachReplays() {
        Set<Long> fingerprints = new HashSet<>();
        int[] runs = {0};
        Seeds.forEach(50, seed -> {
            long fp = run(seed, false).fingerprint();
            assertThat(run(seed, false).fingerprint()).isEqualTo(fp);
            fingerprints.add(fp);
            runs[0]++;
        });
        assertThat(fingerprints).hasSize(runs[0]);
    }

    @Test
    void virtualTimeJumpsToTheNextTimerAndStopsAtQuiescence() {
        Simulation sim = run(7, true);

        // Heartbeats every 7-10 ms, three each: the run ends shortly after 30 ms of virtual time.
        assertThat(sim.nowNanos()).isBetween(21_000_000L, 60_000_000L);
        assertThat(sim.trace()).isSortedAccordingTo((x, y) -> Long.compare(x.timeNanos(), y.timeNanos()));
        assertThat(sim.step()).isFalse();
    }

    @Test
    void runForAdvancesTheClockEvenWhenIdle() {
        Simulation sim = new Simulation(3);
        int[] fired = {0};
        sim.schedule(5_000_000, () -> fired[0]++);
        sim.schedule(50_000_000, () -> fired[0]++);

        sim.runFor(10_000_000);

        assertThat(fired[0]).isEqualTo(1);
        assertThat(sim.nowNanos()).isEqualTo(10_000_000);
        assertThatThrownBy(() -> sim.schedule(-1, () -> { })).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aFailingSeedIsNamedForReplay() {
        assertThatThrownBy(() -> Seeds.forEach(10, seed -> assertThat(seed).isNotEqualTo(4L)))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("failing seed 4")
                .hasMessageContaining("-Dmaftia.seed=4");
    }
}
