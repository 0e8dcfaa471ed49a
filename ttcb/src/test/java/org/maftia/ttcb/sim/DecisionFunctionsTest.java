package org.maftia.ttcb.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.maftia.ttcb.sim.TtcbSim.MS;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.maftia.testkit.sim.Seeds;
import org.maftia.ttcb.DecisionFunction;
import org.maftia.ttcb.Eid;
import org.maftia.ttcb.Protection;
import org.maftia.ttcb.Tag;
import org.maftia.ttcb.Ttcb.DecideResult;
import org.maftia.ttcb.TtcbError;
import org.maftia.ttcb.client.TtcbClient;

/** Each decision function of spec 2.2.3.3 on fixed proposals, and the errors of propose and decide. */
class DecisionFunctionsTest {

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    /** Proposes values[i] for clients[i] (null = no proposal) and returns each proposer's decision. */
    private static List<DecideResult> agree(TtcbSim s, List<TtcbClient> elistClients, DecisionFunction f, String... values) {
        List<Eid> elist = TtcbSim.eids(elistClients);
        long tstart = elistClients.getFirst().getTimestamp() + 5 * MS;
        List<Tag> tags = new ArrayList<>();
        for (int i = 0; i < elistClients.size(); i++) {
            TtcbClient c = elistClients.get(i);
            if (values[i] == null) {
                tags.add(null);
                continue;
            }
            var r = c.propose(c.eid(), elist, tstart, f, b(values[i]));
            assertThat(r.error()).isEqualTo(TtcbError.OK);
            tags.add(r.tag());
        }
        s.runFor(5 * MS + s.timing.tagreement() + MS);
        List<DecideResult> out = new ArrayList<>();
        for (int i = 0; i < elistClients.size(); i++) {
            TtcbClient c = elistClients.get(i);
            out.add(tags.get(i) == null ? null : c.decide(c.eid(), tags.get(i)));
        }
        return out;
    }

    @Test
    void rmulticastReturnsTheFirstEntitysValue() {
        TtcbSim s = TtcbSim.standard(11).synchronise();
        List<TtcbClient> e = s.entities(4, Protection.MAC);
        for (DecideResult r : agree(s, e, DecisionFunction.TBA_RMULTICAST, "x", "y", "x", "z")) {
            assertThat(r.error()).isEqualTo(TtcbError.OK);
            assertThat(r.value()).isEqualTo(b("x"));
            assertThat(r.proposedOk()).isEqualTo(0b0101);
            assertThat(r.proposedAny()).isEqualTo(0b1111);
        }
        List<DecideResult> none = agree(s, e, DecisionFunction.TBA_RMULTICAST, null, "y", "y", null);
        assertThat(none.get(1).error()).isEqualTo(TtcbError.OK);
        assertThat(none.get(1).value()).isEmpty();
        assertThat(none.get(1).proposedOk()).isZero();
        assertThat(none.get(1).proposedAny()).isEqualTo(0b0110);
    }

    @Test
    void majorityReturnsTheMostProposedValue() {
        TtcbSim s = TtcbSim.standard(12).synchronise();
        List<TtcbClient> e = s.entities(5, Protection.MAC);
        for (DecideResult r : agree(s, e, DecisionFunction.TBA_MAJORITY, "a", "b", "b", "c", "b")) {
            assertThat(r.error()).isEqualTo(TtcbError.OK);
            assertThat(r.value()).isEqualTo(b("b"));
            assertThat(r.proposedOk()).isEqualTo(0b10110);
        }
    }

    @Test
    void tequalityGivesTheResultOnlyToThoseWhoProposedIt() {
        TtcbSim s = TtcbSim.standard(13).synchronise();
        List<TtcbClient> e = s.entities(4, Protection.MAC);
        List<DecideResult> r = agree(s, e, DecisionFunction.TBA_TEQUALITY, "v", "v", "w", "v");
        assertThat(r.get(0).error()).isEqualTo(TtcbError.OK);
        assertThat(r.get(1).error()).isEqualTo(TtcbError.OK);
        assertThat(r.get(2).error()).isEqualTo(TtcbError.VALUE_DIFFERS);
        assertThat(r.get(3).error()).isEqualTo(TtcbError.OK);
        r.forEach(x -> assertThat(x.proposedOk()).isEqualTo(0b1011));
    }

    @Test
    void tbaKeyGivesTheSameKeyToExactlyTheElistEntitiesAndNeverShowsItOnTheControlNetwork() {
        Seeds.forEach(20, seed -> {
            TtcbSim s = TtcbSim.standard(seed).synchronise();
            List<byte[]> frames = new ArrayList<>();
            s.network.tap((from, frame) -> frames.add(frame));
            List<TtcbClient> e = s.entities(6, Protection.AEAD);
            List<TtcbClient> elist = e.subList(0, 4);
            TtcbClient outsider = e.get(4);
            List<DecideResult> r = agree(s, elist, DecisionFunction.TBA_KEY, "", "", "", "");
            byte[] key = r.getFirst().value();
            assertThat(key).hasSize(32);
            for (DecideResult x : r) {
                assertThat(x.error()).isEqualTo(TtcbError.OK);
                assertThat(x.value()).isEqualTo(key);
            }
            // Nobody outside elist can propose, nor decide with a tag it learned.
            long tstart = outsider.getTimestamp() + 5 * MS;
            assertThat(outsider.propose(outsider.eid(), TtcbSim.eids(elist), tstart, DecisionFunction.TBA_KEY, new byte[0]).error())
                    .isEqualTo(TtcbError.NOT_IN_ELIST);
            // An entity outside elist on the same local TTCB gets nothing with any tag it may guess.
            TtcbClient sameHost = s.cluster.entity(elist.getFirst().eid().ttcb(), Protection.AEAD);
            for (long n = 0; n < 20; n++) {
                DecideResult d = sameHost.decide(sameHost.eid(), new Tag(elist.getFirst().eid().ttcb(), n));
                assertThat(d.error()).isNotEqualTo(TtcbError.OK);
                assertThat(d.value()).isEmpty();
            }
            // AN7: the key never travels in clear on the control network.
            for (byte[] f : frames) {
                assertThat(indexOf(f, key)).isEqualTo(-1);
            }
            // A second agreement gives a different key.
            byte[] key2 = agree(s, elist, DecisionFunction.TBA_KEY, "", "", "", "").getFirst().value();
            assertThat(key2).isNotEqualTo(key);
        });
    }

    @Test
    void tbaKeyNeedsAConfidentialChannel() {
        TtcbSim s = TtcbSim.standard(14).synchronise();
        List<TtcbClient> e = s.entities(2, Protection.MAC);
        List<DecideResult> r = agree(s, e, DecisionFunction.TBA_KEY, "", "");
        assertThat(r.getFirst().error()).isEqualTo(TtcbError.CONFIDENTIALITY_REQUIRED);
        assertThat(r.getFirst().value()).isEmpty();
    }

    @Test
    void proposeAndDecideErrors() {
        TtcbSim s = TtcbSim.standard(15);
        // Before the clocks are synchronised the agreement service refuses (no Tagreement to promise).
        TtcbClient early = s.cluster.entity(0, Protection.MAC);
        assertThat(early.propose(early.eid(), List.of(early.eid()), 0, DecisionFunction.TBA_MAJORITY, b("v")).error())
                .isEqualTo(TtcbError.NOT_SYNCHRONIZED);
        s.synchronise();
        List<TtcbClient> e = s.entities(3, Protection.MAC);
        List<Eid> elist = TtcbSim.eids(e);
        TtcbClient a = e.getFirst();
        long now = a.getTimestamp();
        assertThat(a.propose(a.eid(), elist, now - 1, DecisionFunction.TBA_MAJORITY, b("v")).error()).isEqualTo(TtcbError.TSTART_EXPIRED);
        assertThat(a.propose(a.eid(), List.of(), now + MS, DecisionFunction.TBA_MAJORITY, b("v")).error()).isEqualTo(TtcbError.BAD_ELIST);
        assertThat(a.propose(a.eid(), List.of(a.eid(), a.eid()), now + MS, DecisionFunction.TBA_MAJORITY, b("v")).error()).isEqualTo(TtcbError.BAD_ELIST);
        assertThat(a.propose(a.eid(), elist, now + MS, DecisionFunction.TBA_MAJORITY, new byte[65]).error()).isEqualTo(TtcbError.VALUE_TOO_LARGE);
        assertThat(a.propose(e.get(1).eid(), elist, now + MS, DecisionFunction.TBA_MAJORITY, b("v")).error())
                .as("an entity proposes only as itself").isEqualTo(TtcbError.BAD_REQUEST);
        long tstart = now + 20 * MS;
        var ok = a.propose(a.eid(), elist, tstart, DecisionFunction.TBA_MAJORITY, b("v"));
        assertThat(ok.error()).isEqualTo(TtcbError.OK);
        assertThat(a.propose(a.eid(), elist, tstart, DecisionFunction.TBA_MAJORITY, b("w")).error()).isEqualTo(TtcbError.ALREADY_PROPOSED);
        assertThat(a.decide(a.eid(), ok.tag()).error()).isEqualTo(TtcbError.NOT_ENDED);
        assertThat(a.decide(a.eid(), new org.maftia.ttcb.Tag(a.eid().ttcb(), 1_000_000)).error()).isEqualTo(TtcbError.UNKNOWN_TAG);
        assertThat(a.decide(a.eid(), new org.maftia.ttcb.Tag((a.eid().ttcb() + 1) % 4, 0)).error()).isEqualTo(TtcbError.UNKNOWN_TAG);
        s.runFor(20 * MS + s.timing.tagreement() + MS);
        assertThat(a.decide(a.eid(), ok.tag()).error()).isEqualTo(TtcbError.OK);
        // After the retention time the record is gone and the tag answers DISCARDED.
        s.runFor(2_100 * MS);
        assertThat(a.decide(a.eid(), ok.tag()).error()).isEqualTo(TtcbError.DISCARDED);
    }

    static int indexOf(byte[] hay, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= hay.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (hay[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
