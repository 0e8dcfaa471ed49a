package org.maftia.ttcb.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.maftia.ttcb.sim.TtcbSim.MS;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.maftia.ttcb.DecisionFunction;
import org.maftia.ttcb.Eid;
import org.maftia.ttcb.Protection;
import org.maftia.ttcb.Ttcb.DecideResult;
import org.maftia.ttcb.TtcbError;
import org.maftia.ttcb.client.TtcbClient;

/** What the TTCB-assisted protocols need of propose and decide (spec 2.2.3.3, and their use in chapter 5). */
class AgreementApiTest {

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    /** A BRM-M recipient that reads M after tstart still learns the agreement's tag and decides its result. */
    @Test
    void aLateProposerGetsTheTagAndDecides() {
        TtcbSim s = TtcbSim.standard(31).synchronise();
        List<TtcbClient> e = s.entities(3, Protection.MAC);
        List<Eid> elist = TtcbSim.eids(e);
        long tstart = e.getFirst().getTimestamp() + 5 * MS;
        assertThat(e.get(0).propose(e.get(0).eid(), elist, tstart, DecisionFunction.TBA_RMULTICAST, b("h")).error())
                .isEqualTo(TtcbError.OK);
        s.runFor(6 * MS);
        for (TtcbClient late : e.subList(1, 3)) {
            var r = late.propose(late.eid(), elist, tstart, DecisionFunction.TBA_RMULTICAST, b("h"));
            assertThat(r.error()).isEqualTo(TtcbError.TSTART_EXPIRED);
            assertThat(r.tag()).as("the late proposer can still decide").isNotNull();
            assertThat(late.propose(late.eid(), elist, tstart, DecisionFunction.TBA_RMULTICAST, b("h")).tag())
                    .isEqualTo(r.tag());
        }
        s.runFor(s.timing.tagreement());
        for (TtcbClient late : e.subList(1, 3)) {
            var tag = late.propose(late.eid(), elist, tstart, DecisionFunction.TBA_RMULTICAST, b("h")).tag();
            DecideResult d = late.decide(late.eid(), tag);
            assertThat(d.error()).isEqualTo(TtcbError.OK);
            assertThat(d.value()).isEqualTo(b("h"));
            assertThat(d.proposedOk()).isEqualTo(0b001);
            assertThat(d.proposedAny()).isEqualTo(0b001);
        }
    }

    /** The spec's {@code repeat decide until ENDED}: ended() is false while NOT_ENDED, true on the result, and a discarded record is its own, final, error. */
    @Test
    void endedTellsTheResultFromNotEndedAndFromADiscardedRecord() {
        TtcbSim s = TtcbSim.standard(32).synchronise();
        List<TtcbClient> e = s.entities(2, Protection.MAC);
        List<Eid> elist = TtcbSim.eids(e);
        TtcbClient a = e.getFirst();
        long tstart = a.getTimestamp() + 5 * MS;
        var p = a.propose(a.eid(), elist, tstart, DecisionFunction.TBA_MAJORITY, b("v"));
        DecideResult before = a.decide(a.eid(), p.tag());
        assertThat(before.error()).isEqualTo(TtcbError.NOT_ENDED);
        assertThat(before.ended()).isFalse();
        assertThat(before.pending()).isTrue();
        s.runFor(5 * MS + s.timing.tagreement() + MS);
        DecideResult result = a.decide(a.eid(), p.tag());
        assertThat(result.ended()).isTrue();
        assertThat(result.pending()).isFalse();
        assertThat(result.value()).isEqualTo(b("v"));
        s.runFor(2_100 * MS);
        DecideResult gone = a.decide(a.eid(), p.tag());
        assertThat(gone.error()).isEqualTo(TtcbError.DISCARDED);
        assertThat(gone.ended()).as("a discarded record carries no result").isFalse();
        assertThat(gone.pending()).as("and deciding again will not give it").isFalse();
    }

    /** TBA_RMULTICAST without the first entity's proposal ended: its masks say who proposed (the crash detector's case). */
    @Test
    void rmulticastWithoutTheFirstEntityEndsWithItsMasks() {
        TtcbSim s = TtcbSim.standard(33).synchronise();
        List<TtcbClient> e = s.entities(3, Protection.MAC);
        List<Eid> elist = TtcbSim.eids(e);
        long tstart = e.getFirst().getTimestamp() + 5 * MS;
        var tags = e.subList(1, 3).stream()
                .map(c -> c.propose(c.eid(), elist, tstart, DecisionFunction.TBA_RMULTICAST, b("x")).tag()).toList();
        s.runFor(5 * MS + s.timing.tagreement() + MS);
        for (int i = 0; i < 2; i++) {
            TtcbClient c = e.get(i + 1);
            DecideResult d = c.decide(c.eid(), tags.get(i));
            assertThat(d.ended()).as("a final result, not an error to retry").isTrue();
            assertThat(d.error()).isEqualTo(TtcbError.OK);
            assertThat(d.value()).isEmpty();
            assertThat(d.proposedOk()).isEqualTo(0);
            assertThat(d.proposedAny()).isEqualTo(0b110);
        }
    }

    /**
     * TBA_KEY establishes a key shared by exactly the entities of elist (spec 2.2.3.3, Protocol 28
     * of 5.4.2.4): an entity that did not propose contributed nothing, yet a key handed out anyway
     * would name it as a holder. Without every proposal there is no key; the masks say who proposed.
     */
    @Test
    void tbaKeyGivesNoKeyUnlessEveryEntityOfElistProposed() {
        TtcbSim s = TtcbSim.standard(35).synchronise();
        List<TtcbClient> e = s.entities(3, Protection.AEAD);
        List<Eid> elist = TtcbSim.eids(e);
        long tstart = e.getFirst().getTimestamp() + 5 * MS;
        var tags = e.subList(0, 2).stream()
                .map(c -> c.propose(c.eid(), elist, tstart, DecisionFunction.TBA_KEY, new byte[0]).tag()).toList();
        s.runFor(5 * MS + s.timing.tagreement() + MS);
        for (int i = 0; i < 2; i++) {
            TtcbClient c = e.get(i);
            DecideResult d = c.decide(c.eid(), tags.get(i));
            assertThat(d.error()).as("a key without the third entity's proposal").isEqualTo(TtcbError.NOT_ALL_PROPOSED);
            assertThat(d.value()).isEmpty();
            assertThat(d.ended()).as("a final result").isTrue();
            assertThat(d.proposedOk()).isEqualTo(0);
            assertThat(d.proposedAny()).isEqualTo(0b011);
        }
    }

    /** A protocol sets its tstart and its timeouts from the TTCB's constants (BRM-M's Tagr, the crash detector's Tdetect). */
    @Test
    void entitiesReadTagreementAndTbroadcast() {
        TtcbSim s = TtcbSim.standard(34).synchronise();
        TtcbClient a = s.entities(1, Protection.MAC).getFirst();
        var c = a.getTimingConstants();
        assertThat(c.tagreement()).isEqualTo(s.timing.tagreement());
        assertThat(c.tbroadcast()).isEqualTo(s.timing.tbroadcast());
    }
}
