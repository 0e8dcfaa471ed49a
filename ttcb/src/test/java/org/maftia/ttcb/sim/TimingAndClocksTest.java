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
import org.maftia.ttcb.core.TimingParameters;

/** Formulas 4.1-4.3 against the slowest network the model allows, and clock precision against π. */
class TimingAndClocksTest {

    @Test
    void formulasFollowTheSpec() {
        TimingParameters p = TimingParameters.lanDefaults();
        long inner = p.wcetSend() + p.tsend() + p.tr() + p.wcetReceive();
        assertThat(p.tagreementWithoutCrashes()).isEqualTo(p.ts() + inner + p.pi());
        assertThat(p.tbroadcast()).isEqualTo(2 * (inner + p.ts()) + p.pi());
        assertThat(p.tagreement()).isEqualTo(p.ts() + p.tbroadcast());
        assertThat(p.achievablePrecision()).isLessThanOrEqualTo(p.pi());
    }

    /**
     * Every message loses Od copies per receiver and the last copy takes Tsend, the proposals come
     * at the worst instant (just after a broadcast round) and nobody else proposes: the decision
     * still comes by tstart + Tagreement, and no R-delivery exceeds Tbroadcast.
     */
    @Test
    void worstCaseNetworkStillDecidesWithinTagreement() {
        Seeds.forEach(20, seed -> {
            TtcbSim s = new TtcbSim(seed, 4, TimingParameters.lanDefaults(), 0, new InJvmTtcbCluster.ClockSkew(2 * MS, 100), true)
                    .synchronise();
            List<TtcbClient> e = s.entities(4, Protection.MAC);
            TtcbClient a = e.getFirst();
            long now = a.getTimestamp();
            long ts = s.timing.ts();
            long justAfterRound = (now / ts + 1) * ts + 1;
            s.runFor(justAfterRound - now);
            long tstart = a.getTimestamp() + s.timing.pi() + 1;
            byte[] w = "w".getBytes(StandardCharsets.US_ASCII);
            var r = a.propose(a.eid(), TtcbSim.eids(e), tstart, DecisionFunction.TBA_RMULTICAST, w);
            assertThat(r.error()).isEqualTo(TtcbError.OK);
            if (seed % 2 == 1) {
                // All propose: the decision comes from "all proposed", bounded by the R-deliveries.
                for (TtcbClient c : e.subList(1, 4)) {
                    assertThat(c.propose(c.eid(), TtcbSim.eids(e), tstart, DecisionFunction.TBA_RMULTICAST, w).error()).isEqualTo(TtcbError.OK);
                }
            }
            DecideResult[] result = new DecideResult[1];
            long[] at = new long[1];
            long poll = 100_000;
            for (long t = 0; t < 200 * MS; t += poll) {
                s.sim.schedule(t, () -> {
                    if (result[0] == null) {
                        DecideResult d = a.decide(a.eid(), r.tag());
                        if (d.error() != TtcbError.NOT_ENDED) {
                            result[0] = d;
                            at[0] = a.getTimestamp();
                        }
                    }
                });
            }
            s.runFor(200 * MS);
            assertThat(result[0]).isNotNull();
            assertThat(result[0].value()).isEqualTo("w".getBytes(StandardCharsets.US_ASCII));
            assertThat(at[0]).isLessThanOrEqualTo(tstart + s.timing.tagreement() + poll);
            assertThat(s.timingFailures()).isZero();
            assertThat(s.network.omitted()).isPositive();
        });
    }

    @Test
    void clocksStayWithinPi() {
        Seeds.forEach(20, seed -> {
            TtcbSim s = new TtcbSim(seed, 4, TimingParameters.lanDefaults(), 0.3, new InJvmTtcbCluster.ClockSkew(40 * MS, 100), false)
                    .synchronise();
            long worst = 0;
            for (int i = 0; i < 300; i++) {
                s.runFor(7 * MS);
                worst = Math.max(worst, s.cluster.currentPrecision());
            }
            assertThat(worst).as("measured precision vs π").isLessThanOrEqualTo(s.timing.pi());
            assertThat(s.ttcb(0).resyncs()).isGreaterThan(10);
        });
    }

    /** The same seed replays the same run: same deliveries, same clock corrections, same omissions. */
    @Test
    void aSeedReplaysTheSameRun() {
        String first = fingerprint(77);
        assertThat(fingerprint(77)).isEqualTo(first);
        assertThat(fingerprint(78)).isNotEqualTo(first);
    }

    private static String fingerprint(long seed) {
        TtcbSim s = TtcbSim.standard(seed).synchronise();
        List<TtcbClient> e = s.entities(4, Protection.AEAD);
        long tstart = e.getFirst().getTimestamp() + 20 * MS;
        List<org.maftia.ttcb.Tag> tags = e.stream()
                .map(c -> c.propose(c.eid(), TtcbSim.eids(e), tstart, DecisionFunction.TBA_KEY, new byte[0]).tag()).toList();
        s.runFor(20 * MS + s.timing.tagreement() + MS);
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < 4; i++) {
            b.append(s.ttcb(i).clockCorrection()).append('/').append(s.ttcb(i).counters().rDelivered).append('/')
                    .append(s.ttcb(i).counters().copiesDiscarded).append(' ');
        }
        b.append(java.util.HexFormat.of().formatHex(e.getFirst().decide(e.getFirst().eid(), tags.getFirst()).value()));
        return b.append(' ').append(s.network.omitted()).toString();
    }

    @Test
    void crashedLocalTtcbIsDetectedAndReported() {
        TtcbSim s = TtcbSim.standard(3).synchronise();
        TtcbClient e = s.cluster.entity(1, Protection.MAC);
        TtcbClient onVictim = s.cluster.entity(2, Protection.MAC);
        assertThat(e.crashedLocalTTCBid(2).crashed()).isFalse();
        assertThat(e.crashedEid(onVictim.eid()).crashed()).isFalse();
        s.ttcb(2).crash();
        long bound = s.timing.ts() + s.timing.receiveBound() + s.timing.tr();
        s.runFor(bound + s.timing.ts());
        assertThat(e.crashedLocalTTCBid(2).crashed()).isTrue();
        assertThat(e.crashedEid(onVictim.eid()).crashed()).isTrue();
        assertThat(e.crashedLocalTTCBid(0).crashed()).isFalse();
        assertThat(e.crashedLocalTTCBid(9).error()).isEqualTo(TtcbError.UNKNOWN_ID);
        assertThat(e.getLocalTTCBid()).isEqualTo(1);
    }
}
