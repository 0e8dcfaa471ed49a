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

    @Test
    void entitiesFloodingTheAgreementTableNeverCostOtherTtcbsTheirProposals() {
        TtcbSim s = TtcbSim.standard(63).synchronise();
        // Eight entities on local TTCB 1 open agreements with only themselves as fast as the
        // sendTable takes them, for far longer than filling the table of 4096 agreements needs.
        List<TtcbClient> flooders = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            flooders.add(s.cluster.entity(1, Protection.MAC));
        }
        long far = flooders.getFirst().getTimestamp() + 500 * MS;
        int accepted = 0;
        int attempts = 0;
        for (int round = 0; round < 40; round++) {
            for (TtcbClient f : flooders) {
                for (int k = 0; k < 64; k++) {
                    var r = f.propose(f.eid(), List.of(f.eid()), far + attempts++, DecisionFunction.TBA_MAJORITY, new byte[1]);
                    if (r.error() == TtcbError.OK) {
                        accepted++;
                    } else {
                        assertThat(r.error()).isEqualTo(TtcbError.RESOURCES);
                    }
                }
            }
            s.runFor(s.timing.ts());
        }
        s.runFor(10 * MS);
        // Then entities on local TTCBs 0 and 2 agree; 2's proposal reaches 0 before 0's own.
        TtcbClient a = s.cluster.entity(0, Protection.MAC);
        TtcbClient b = s.cluster.entity(2, Protection.MAC);
        List<Eid> pair = List.of(a.eid(), b.eid());
        long tstart = a.getTimestamp() + 20 * MS;
        var pb = b.propose(b.eid(), pair, tstart, DecisionFunction.TBA_MAJORITY, new byte[] {2});
        s.runFor(10 * MS);
        var pa = a.propose(a.eid(), pair, tstart, DecisionFunction.TBA_MAJORITY, new byte[] {2});
        assertThat(pb.error()).as("proposal at local TTCB 2").isEqualTo(TtcbError.OK);
        assertThat(pa.error()).as("proposal at local TTCB 0").isEqualTo(TtcbError.OK);
        allDecideWithEveryProposal(s, List.of(a, b), List.of(pa.tag(), pb.tag()));
        // Local TTCB 1 let its entities into no more than its share of the simulation's 4096 agreements.
        assertThat(accepted).as("flooding proposals accepted").isPositive().isLessThanOrEqualTo(4096 / 4);
    }
}
