package org.maftia.ttcb.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.maftia.ttcb.sim.TtcbSim.MS;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.maftia.testkit.sim.Seeds;
import org.maftia.ttcb.DecisionFunction;
import org.maftia.ttcb.Eid;
import org.maftia.ttcb.Protection;
import org.maftia.ttcb.Tag;
import org.maftia.ttcb.Ttcb.DecideResult;
import org.maftia.ttcb.Ttcb.ProposeResult;
import org.maftia.ttcb.TtcbError;
import org.maftia.ttcb.client.TtcbClient;
import org.junit.jupiter.api.Test;

/**
 * AS1-AS5 of the agreement service (spec 2.2.3.3) over many seeds: 4 local TTCBs with offset and
 * drifting clocks, omissions up to Od, random elists, decision functions, values and proposal
 * times (some after tstart), and optionally one local TTCB crashing in the middle of a broadcast.
 */
class AgreementPropertiesTest {

    private static final byte[][] VALUES = {bytes("a"), bytes("b"), bytes("c")};

    /** What one entity saw: its tag, and its decision with the TTCB timestamp of the decide call. */
    private static final class Party {
        final TtcbClient client;
        Tag tag;
        DecideResult result;
        long decidedAt;

        Party(TtcbClient client) {
            this.client = client;
        }
    }

    @Test
    void as1ToAs5HoldWithOmissions() {
        Seeds.forEach(60, seed -> runAgreement(seed, false));
    }

    @Test
    void survivorsDecideTheSameWhenALocalTtcbCrashesMidBroadcast() {
        Seeds.forEach(60, seed -> runAgreement(seed, true));
    }

    /** The slowest network AN3-AN4 allow (Od copies lost, Tsend each), with a crash mid-broadcast. */
    @Test
    void crashMidBroadcastOnTheWorstCaseNetwork() {
        Seeds.forEach(30, seed -> runAgreement(
                new TtcbSim(seed, 4, org.maftia.ttcb.core.TimingParameters.lanDefaults(), 0,
                        new InJvmTtcbCluster.ClockSkew(2 * MS, 100), true).synchronise(), seed, true));
    }

    private static void runAgreement(long seed, boolean crash) {
        runAgreement(TtcbSim.standard(seed).synchronise(), seed, crash);
    }

    private static void runAgreement(TtcbSim s, long seed, boolean crash) {
        SplittableRandom rnd = new SplittableRandom(seed * 31 + 7);
        List<TtcbClient> all = s.entities(9, Protection.AEAD);
        List<TtcbClient> members = new ArrayList<>(all.subList(0, 8));
        shuffle(members, rnd);
        List<TtcbClient> inElist = members.subList(0, 2 + rnd.nextInt(7));
        List<Eid> elist = TtcbSim.eids(inElist);
        TtcbClient outsider = all.get(8);
        DecisionFunction f = DecisionFunction.values()[rnd.nextInt(4)];
        long now = inElist.getFirst().getTimestamp();
        long tstart = now + rnd.nextLong(30 * MS);
        long tagreement = s.timing.tagreement();
        int victim = crash ? rnd.nextInt(4) : -1;

        Map<Eid, byte[]> accepted = new LinkedHashMap<>();
        Map<Eid, Party> parties = new HashMap<>();
        for (TtcbClient c : inElist) {
            if (rnd.nextDouble() < 0.15) {
                continue;
            }
            byte[] value = VALUES[rnd.nextInt(VALUES.length)];
            long delay = rnd.nextLong(tstart - now + 6 * MS);
            s.sim.schedule(delay, () -> {
                if (s.ttcb(c.eid().ttcb()).isHalted()) {
                    return;
                }
                ProposeResult r = c.propose(c.eid(), elist, tstart, f, value);
                long at = c.getTimestamp();
                if (at > tstart) {
                    assertThat(r.error()).isEqualTo(TtcbError.TSTART_EXPIRED);
                    return;
                }
                assertThat(r.error()).isEqualTo(TtcbError.OK);
                accepted.put(c.eid(), value);
                Party p = new Party(c);
                p.tag = r.tag();
                parties.put(c.eid(), p);
                // Protocol 1 line 2: one proposal per entity.
                assertThat(c.propose(c.eid(), elist, tstart, f, value).error()).isEqualTo(TtcbError.ALREADY_PROPOSED);
            });
        }
        assertThat(outsider.propose(outsider.eid(), elist, tstart, f, VALUES[0]).error()).isEqualTo(TtcbError.NOT_IN_ELIST);
        if (crash) {
            // The victim crashes somewhere inside one of its broadcasts around tstart: after any
            // number of the (n - 1)(Od + 1) frames of that broadcast.
            s.sim.schedule(rnd.nextLong(tstart - now + 10 * MS),
                    () -> s.network.crashAfterFrames(victim, rnd.nextInt(3 * (s.timing.od() + 1) + 1)));
        }

        // Decide: every proposer polls every millisecond until the agreement has ended.
        long end = tstart - now + tagreement + 40 * MS;
        for (long t = 0; t < end; t += MS) {
            s.sim.schedule(t, () -> {
                for (Party p : parties.values()) {
                    if (p.result != null || s.ttcb(p.client.eid().ttcb()).isHalted()) {
                        continue;
                    }
                    DecideResult r = p.client.decide(p.client.eid(), p.tag);
                    if (r.error() != TtcbError.NOT_ENDED) {
                        p.result = r;
                        p.decidedAt = p.client.getTimestamp();
                    }
                }
            });
        }
        s.runFor(end + MS);

        List<Party> alive = parties.values().stream().filter(p -> !s.ttcb(p.client.eid().ttcb()).isHalted()).toList();
        for (Party p : alive) {
            // AS1 and AS5: every correct entity decided, by tstart + Tagreement (polled every ms).
            assertThat(p.result).as("AS1: %s decided", p.client.eid()).isNotNull();
            assertThat(p.decidedAt).as("AS5 for %s", p.client.eid()).isLessThanOrEqualTo(tstart + tagreement + MS);
            // AS2: deciding again gives the same result.
            assertSame(p.client.decide(p.client.eid(), p.tag), p.result);
        }
        // AS3: all correct entities decide the same result (TEQUALITY: same value, per-entity error).
        for (Party p : alive) {
            assertThat(p.result.value()).isEqualTo(alive.getFirst().result.value());
            assertThat(p.result.proposedOk()).isEqualTo(alive.getFirst().result.proposedOk());
            assertThat(p.result.proposedAny()).isEqualTo(alive.getFirst().result.proposedAny());
        }
        if (!alive.isEmpty()) {
            // AS4: the result is the decision function applied to the values proposed. With a crash,
            // the crashed TTCB's entities are in it for all or for none (Protocol 2 agreement).
            Map<Eid, byte[]> used = new LinkedHashMap<>(accepted);
            long any = alive.getFirst().result.proposedAny();
            for (Eid e : accepted.keySet()) {
                boolean in = (any & (1L << elist.indexOf(e))) != 0;
                if (e.ttcb() != victim) {
                    assertThat(in).as("AS4: %s proposed in time and its TTCB is correct", e).isTrue();
                } else if (!in) {
                    used.remove(e);
                }
            }
            Oracle.Expected x = Oracle.expected(f, elist, used);
            for (Party p : alive) {
                int me = elist.indexOf(p.client.eid());
                if (f == DecisionFunction.TBA_KEY) {
                    boolean everyone = x.any() == (1L << elist.size()) - 1;
                    assertThat(p.result.error()).isEqualTo(everyone ? TtcbError.OK : TtcbError.NOT_ALL_PROPOSED);
                    assertThat(p.result.value()).hasSize(everyone ? 32 : 0);
                } else {
                    assertThat(p.result.value()).isEqualTo(x.value());
                    TtcbError want = f == DecisionFunction.TBA_TEQUALITY && (x.ok() & (1L << me)) == 0
                            ? TtcbError.VALUE_DIFFERS : TtcbError.OK;
                    assertThat(p.result.error()).isEqualTo(want);
                }
                assertThat(p.result.proposedOk()).isEqualTo(x.ok());
                assertThat(p.result.proposedAny()).isEqualTo(x.any());
            }
        }
        // Nothing the model rules out happened: no late R-delivery, no late proposal, no late round.
        assertThat(s.timingFailures()).as("timing failures").isZero();
        if (Boolean.getBoolean("ttcb.debug")) {
            System.err.printf("seed %d f=%s elist=%d accepted=%d alive=%d victim=%d %s%n", seed, f, elist.size(), accepted.size(),
                    alive.size(), victim, s.ttcb(0).counters());
        }
        if (crash) {
            assertThat(s.ttcb(victim).isHalted()).isTrue();
            for (int i = 0; i < 4; i++) {
                if (i != victim) {
                    assertThat(s.ttcb(i).crashedLocalTTCBid(victim).crashed()).as("TTCB %d sees %d crashed", i, victim).isTrue();
                    assertThat(s.ttcb(i).crashedLocalTTCBid((victim + 1) % 4 == i ? (victim + 2) % 4 : (victim + 1) % 4).crashed()).isFalse();
                }
            }
        }
    }

    private static void assertSame(DecideResult a, DecideResult b) {
        assertThat(a.error()).isEqualTo(b.error());
        assertThat(Arrays.equals(a.value(), b.value())).isTrue();
        assertThat(a.proposedOk()).isEqualTo(b.proposedOk());
        assertThat(a.proposedAny()).isEqualTo(b.proposedAny());
    }

    private static <T> void shuffle(List<T> list, SplittableRandom rnd) {
        for (int i = list.size() - 1; i > 0; i--) {
            int j = rnd.nextInt(i + 1);
            T t = list.get(i);
            list.set(i, list.get(j));
            list.set(j, t);
        }
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
