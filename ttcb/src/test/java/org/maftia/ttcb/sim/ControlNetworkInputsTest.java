package org.maftia.ttcb.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.maftia.ttcb.sim.TtcbSim.MS;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.maftia.ttcb.DecisionFunction;
import org.maftia.ttcb.Eid;
import org.maftia.ttcb.Protection;
import org.maftia.ttcb.Tag;
import org.maftia.ttcb.Ttcb.Handler;
import org.maftia.ttcb.TtcbError;
import org.maftia.ttcb.client.TtcbClient;

/**
 * What an entity may ask of its local TTCB is exactly what the control network carries: a call
 * whose records the other local TTCBs would drop, or that would crowd out other proposals, is
 * refused at the entity, and the agreements of the others are unaffected (AS1-AS3, spec 2.2.3.3).
 */
class ControlNetworkInputsTest {

    /** Every entity of {@code e} proposed and every local TTCB saw all proposals. */
    private static void allDecideWithEveryProposal(TtcbSim s, List<TtcbClient> e, List<Tag> tags) {
        s.runFor(s.timing.tagreement() + 20 * MS);
        long all = (1L << e.size()) - 1;
        for (int i = 0; i < e.size(); i++) {
            TtcbClient c = e.get(i);
            var d = c.decide(c.eid(), tags.get(i));
            assertThat(d.error()).as("decision at local TTCB %d", c.eid().ttcb()).isEqualTo(TtcbError.OK);
            assertThat(d.proposedAny()).as("proposals seen at local TTCB %d", c.eid().ttcb()).isEqualTo(all);
        }
        assertThat(s.cluster.ttcbs().stream().mapToLong(t -> t.counters().framesMalformed.get()).sum())
                .as("control frames dropped as malformed").isZero();
    }

    private static List<Tag> proposeAll(List<TtcbClient> e, long tstart) {
        List<Tag> tags = new ArrayList<>();
        for (TtcbClient c : e) {
            var r = c.propose(c.eid(), TtcbSim.eids(e), tstart, DecisionFunction.TBA_MAJORITY, new byte[] {7});
            assertThat(r.error()).isEqualTo(TtcbError.OK);
            tags.add(r.tag());
        }
        return tags;
    }

    @Test
    void anEidTheControlNetworkCannotCarryIsRefusedAtTheEntity() {
        TtcbSim s = TtcbSim.standard(61).synchronise();
        List<TtcbClient> e = s.entities(4, Protection.MAC);
        long tstart = e.getFirst().getTimestamp() + 10 * MS;
        List<Tag> tags = proposeAll(e, tstart);
        // In the same round, an elist naming a local TTCB id beyond what a control record encodes.
        TtcbClient attacker = e.getFirst();
        List<Eid> uncarried = List.of(attacker.eid(), new Eid(70_000, 0));
        var proposed = attacker.propose(attacker.eid(), uncarried, tstart, DecisionFunction.TBA_MAJORITY, new byte[1]);
        var started = attacker.startDistributed(attacker.getTimestamp(), 5 * MS, 1, uncarried, Handler.NONE);
        allDecideWithEveryProposal(s, e, tags);
        assertThat(proposed.error()).isEqualTo(TtcbError.BAD_ELIST);
        assertThat(started.error()).isEqualTo(TtcbError.BAD_ELIST);
    }

    @Test
    void proposalsBeyondWhatOneRoundMessageCarriesAreRefusedAtTheProposer() {
        TtcbSim s = TtcbSim.standard(62).synchronise();
        List<TtcbClient> e = s.entities(4, Protection.MAC);
        long tstart = e.getFirst().getTimestamp() + 10 * MS;
        List<Tag> tags = proposeAll(e, tstart);
        // In the same round, as many proposals as the sendTable counts, each with a 64-entity elist
        // and the largest value: far more bytes than one control frame holds.
        TtcbClient flooder = e.getFirst();
        List<Eid> wide = new ArrayList<>(List.of(flooder.eid()));
        for (int k = 1; wide.size() < 64; k++) {
            wide.add(new Eid(1 + k % 3, 1_000 + k));
        }
        int accepted = 0;
        int refused = 0;
        for (int k = 0; k < 256; k++) {
            var r = flooder.propose(flooder.eid(), wide, tstart + k, DecisionFunction.TBA_MAJORITY, new byte[64]);
            if (r.error() == TtcbError.OK) {
                accepted++;
            } else {
                assertThat(r.error()).isEqualTo(TtcbError.RESOURCES);
                refused++;
            }
        }
        allDecideWithEveryProposal(s, e, tags);
        assertThat(accepted).isPositive();
        assertThat(refused).isPositive();
    }
}
