package org.maftia.ttcb.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.maftia.ttcb.sim.TtcbSim.MS;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.maftia.appia.time.Clock;
import org.maftia.appia.time.VirtualClock;
import org.maftia.testkit.sim.Seeds;
import org.maftia.ttcb.DecisionFunction;
import org.maftia.ttcb.Protection;
import org.maftia.ttcb.Tag;
import org.maftia.ttcb.Ttcb.DecideResult;
import org.maftia.ttcb.TtcbError;
import org.maftia.ttcb.client.TtcbClient;
import org.maftia.ttcb.core.LocalTtcb;
import org.maftia.ttcb.core.TtcbScheduler;

/**
 * Spec 4.1.2 needs every correct local TTCB to agree on which local TTCBs crashed: line 24 leaves
 * out the entities of crashed ones. A local TTCB started later than the others must therefore
 * either be counted in by all of them, or halt; it may never serve its entities while the others
 * count it crashed.
 */
class StaggeredStartTest {

    @Test
    void aLocalTtcbStarted200msLateJoinsOrHaltsAndEveryServingTtcbDecidesTheSame() {
        Seeds.forEach(10, seed -> {
            int late = (int) (seed % 4);
            TtcbSim s = TtcbSim.staggered(seed, late, 200 * MS).synchronise();
            List<TtcbClient> e = s.entities(4, Protection.MAC);
            long tstart = e.get((late + 1) % 4).getTimestamp() + 100 * MS;
            byte[] a = "A".getBytes(StandardCharsets.US_ASCII);
            List<Tag> tags = new ArrayList<>();
            for (TtcbClient c : e) {
                var r = c.propose(c.eid(), TtcbSim.eids(e), tstart, DecisionFunction.TBA_MAJORITY, a);
                tags.add(r.error() == TtcbError.OK ? r.tag() : null);
            }
            s.runFor(100 * MS + s.timing.tagreement() + 2 * s.timing.pi());
            DecideResult first = null;
            int serving = 0;
            for (int i = 0; i < 4; i++) {
                if (s.ttcb(i).isHalted()) {
                    continue;
                }
                serving++;
                TtcbClient c = e.get(i);
                assertThat(tags.get(i)).as("seed %d: propose at serving TTCB %d", seed, i).isNotNull();
                DecideResult d = c.decide(c.eid(), tags.get(i));
                assertThat(d.error()).as("seed %d: decide at TTCB %d", seed, i).isEqualTo(TtcbError.OK);
                if (first == null) {
                    first = d;
                } else {
                    assertThat(d.value()).as("seed %d: value at TTCB %d vs the first serving TTCB", seed, i).isEqualTo(first.value());
                    assertThat(d.proposedAny()).as("seed %d: proposers seen at TTCB %d", seed, i).isEqualTo(first.proposedAny());
                    assertThat(d.proposedOk()).as("seed %d: proposedOk at TTCB %d", seed, i).isEqualTo(first.proposedOk());
                }
            }
            // 200 ms late is within the start barrier: the late local TTCB joins, nobody halts.
            assertThat(serving).as("seed %d: serving local TTCBs", seed).isEqualTo(4);
            assertThat(s.timingFailures()).isZero();
        });
    }

    /**
     * A process restarted under the id of a local TTCB the others already count crashed hears
     * them, but they drop its messages for good: it must halt before serving any entity.
     */
    @Test
    void aRestartedLocalTtcbTheOthersCountCrashedHaltsWithoutServing() {
        Seeds.forEach(10, seed -> {
            TtcbSim s = TtcbSim.standard(seed).synchronise();
            int victim = (int) (seed % 4);
            s.ttcb(victim).crash();
            s.runFor(2 * s.timing.ts() + s.timing.tbroadcast());
            for (int i = 0; i < 4; i++) {
                if (i != victim) {
                    assertThat(s.ttcb(i).crashedLocalTTCBid(victim).crashed()).as("seed %d: crash seen at %d", seed, i).isTrue();
                }
            }
            VirtualClock hardware = s.sim.clock();
            LocalTtcb restarted = new LocalTtcb(s.settings.forId(victim), new TtcbScheduler() {
                @Override
                public Clock clock() {
                    return hardware;
                }

                @Override
                public Cancellable schedule(long delayNanos, Runnable task) {
                    s.sim.schedule(Math.max(0, delayNanos), task);
                    return () -> { };
                }
            }, s.network.endpoint(victim), new SecureRandom(new byte[] {(byte) seed}));
            s.network.attach(restarted);
            restarted.start();
            boolean[] served = {false};
            for (long t = 0; t < 500 * MS; t += MS) {
                s.sim.schedule(t, () -> served[0] |= restarted.isSynchronised() && !restarted.isHalted());
            }
            s.runFor(500 * MS);
            assertThat(served[0]).as("seed %d: the restarted local TTCB served entities", seed).isFalse();
            assertThat(restarted.isHalted()).as("seed %d: the restarted local TTCB halted", seed).isTrue();
            for (int i = 0; i < 4; i++) {
                if (i != victim) {
                    assertThat(s.ttcb(i).isHalted()).as("seed %d: TTCB %d halted", seed, i).isFalse();
                }
            }
        });
    }
}
