package org.maftia.ttcb.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.maftia.ttcb.sim.TtcbSim.MS;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.maftia.testkit.sim.Seeds;
import org.maftia.ttcb.DecisionFunction;
import org.maftia.ttcb.Protection;
import org.maftia.ttcb.Ttcb.DecideResult;
import org.maftia.ttcb.TtcbError;
import org.maftia.ttcb.client.TtcbClient;

/**
 * Spec 4.1.2: with local TTCB crashes, line 24's second condition reads "all entities in
 * non-crashed local TTCBs proposed". An agreement whose elist names an entity of a crashed host
 * ends before tstart + Tagreement once the crash is settled, the same at every survivor.
 */
class CrashSubstitutionTest {

    @Test
    void survivorsDecideEarlyWithoutTheCrashedHostsEntity() {
        Seeds.forEach(20, seed -> {
            TtcbSim s = TtcbSim.standard(seed).synchronise();
            List<TtcbClient> e = s.entities(4, Protection.MAC);
            int victim = (int) (seed % 4);
            s.ttcb(victim).crash();
            // Wait until the crash is detected and settled (every message of the victim that anyone
            // will R-deliver has been R-delivered).
            s.runFor(s.timing.ts() + s.timing.tbroadcast() + 3 * s.timing.tr());
            List<TtcbClient> survivors = e.stream().filter(c -> c.eid().ttcb() != victim).toList();
            long tstart = survivors.getFirst().getTimestamp() + 500 * MS;
            List<org.maftia.ttcb.Tag> tags = survivors.stream()
                    .map(c -> c.propose(c.eid(), TtcbSim.eids(e), tstart, DecisionFunction.TBA_MAJORITY, "x".getBytes(StandardCharsets.US_ASCII)))
                    .peek(r -> assertThat(r.error()).isEqualTo(TtcbError.OK))
                    .map(r -> r.tag()).toList();
            s.runFor(s.timing.tagreement());
            for (int i = 0; i < survivors.size(); i++) {
                TtcbClient c = survivors.get(i);
                assertThat(c.getTimestamp()).isLessThan(tstart);
                DecideResult d = c.decide(c.eid(), tags.get(i));
                assertThat(d.error()).as("ended early at %s", c.eid()).isEqualTo(TtcbError.OK);
                assertThat(d.proposedAny()).isEqualTo(0b1111 & ~(1L << victim));
                assertThat(d.value()).isEqualTo("x".getBytes(StandardCharsets.US_ASCII));
            }
            assertThat(s.timingFailures()).isZero();
        });
    }

    @Test
    void withoutACrashAMissingProposalWaitsForTstartPlusTagreement() {
        TtcbSim s = TtcbSim.standard(5).synchronise();
        List<TtcbClient> e = s.entities(4, Protection.MAC);
        long tstart = e.getFirst().getTimestamp() + 100 * MS;
        List<org.maftia.ttcb.Tag> tags = e.subList(0, 3).stream()
                .map(c -> c.propose(c.eid(), TtcbSim.eids(e), tstart, DecisionFunction.TBA_MAJORITY, new byte[] {1}).tag()).toList();
        s.runFor(s.timing.tagreement());
        assertThat(e.getFirst().decide(e.getFirst().eid(), tags.getFirst()).error()).isEqualTo(TtcbError.NOT_ENDED);
        s.runFor(100 * MS + MS);
        assertThat(e.getFirst().decide(e.getFirst().eid(), tags.getFirst()).error()).isEqualTo(TtcbError.OK);
    }
}
