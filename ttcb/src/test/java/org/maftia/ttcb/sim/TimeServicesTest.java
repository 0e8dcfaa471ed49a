package org.maftia.ttcb.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.maftia.ttcb.sim.TtcbSim.MS;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.maftia.testkit.sim.Seeds;
import org.maftia.ttcb.Eid;
import org.maftia.ttcb.Protection;
import org.maftia.ttcb.Tag;
import org.maftia.ttcb.Ttcb.DeliveryInfo;
import org.maftia.ttcb.Ttcb.DistributedInfo;
import org.maftia.ttcb.Ttcb.EndLocalResult;
import org.maftia.ttcb.Ttcb.ExecResult;
import org.maftia.ttcb.Ttcb.Handler;
import org.maftia.ttcb.Ttcb.Timeliness;
import org.maftia.ttcb.TtcbError;
import org.maftia.ttcb.client.TtcbClient;
import org.maftia.ttcb.core.FunctionLibrary;
import org.maftia.ttcb.core.LocalTtcb.Reaction;

/** The time services of spec 2.2.4 on virtual time: TDM, TTE with its schedulability check, TTFD1/TTFD2. */
class TimeServicesTest {

    private static final Handler ALARM = new Handler(FunctionLibrary.ALARM, "late!".getBytes(StandardCharsets.US_ASCII));

    @Test
    void durationMeasurement() {
        TtcbSim s = TtcbSim.standard(21).synchronise();
        TtcbClient e = s.cluster.entity(0, Protection.MAC);
        long start = e.getTimestamp();
        var tag = e.startMeasurement(start);
        assertThat(tag.error()).isEqualTo(TtcbError.OK);
        s.runFor(7 * MS);
        long end = e.getTimestamp();
        var m = e.stopMeasurement(tag.tag(), end);
        assertThat(m.error()).isEqualTo(TtcbError.OK);
        assertThat(m.durationNanos()).isEqualTo(end - start);
        assertThat(m.errorBoundNanos()).isEqualTo(s.timing.pi());
        assertThat(e.stopMeasurement(tag.tag(), end).error()).isEqualTo(TtcbError.UNKNOWN_TAG);
        assertThat(e.startMeasurement(e.getTimestamp() + MS).error()).as("start_ev in the future").isEqualTo(TtcbError.BAD_TIMESTAMP);
        var t2 = e.startMeasurement(e.getTimestamp());
        assertThat(e.stopMeasurement(t2.tag(), e.getTimestamp() + 5 * MS).error()).isEqualTo(TtcbError.BAD_TIMESTAMP);
    }

    /** TTFD1 and TTFD2 for local actions over random durations around the spec. */
    @Test
    void localTimingFailureDetection() {
        Seeds.forEach(20, seed -> {
            TtcbSim s = TtcbSim.standard(seed).synchronise();
            SplittableRandom rnd = new SplittableRandom(seed);
            TtcbClient e = s.cluster.entity((int) (seed % 4), Protection.MAC);
            for (int i = 0; i < 10; i++) {
                long spec = MS + rnd.nextLong(20 * MS);
                long start = e.getTimestamp();
                var tag = e.startLocal(start, spec, ALARM);
                assertThat(tag.error()).isEqualTo(TtcbError.OK);
                long took = rnd.nextBoolean() ? rnd.nextLong(spec) : spec + 1 + rnd.nextLong(10 * MS);
                int reactionsBefore = s.ttcb(e.eid().ttcb()).reactions().size();
                s.runFor(took);
                EndLocalResult r = e.endLocal(tag.tag());
                assertThat(r.error()).isEqualTo(TtcbError.OK);
                boolean late = r.endEv() > start + spec;
                assertThat(r.faulty()).as("faulty exactly when late (TTFD1, TTFD2)").isEqualTo(late);
                assertThat(r.durationNanos()).isEqualTo(r.endEv() - start);
                List<Reaction> reactions = s.ttcb(e.eid().ttcb()).reactions();
                if (late) {
                    Reaction last = reactions.getLast();
                    assertThat(last.tag()).isEqualTo(tag.tag());
                    // TTFD1: detected when the deadline passed (within one clock correction, <= π),
                    // not when the entity finally called endLocal.
                    assertThat(last.at() - (start + spec)).isBetween(0L, s.timing.pi());
                } else {
                    assertThat(reactions).hasSize(reactionsBefore);
                }
            }
            assertThat(e.endLocal(new Tag(0, 1)).error()).isEqualTo(TtcbError.UNKNOWN_TAG);
            assertThat(e.startLocal(e.getTimestamp(), MS, new Handler("format-disk", new byte[0])).error())
                    .isEqualTo(TtcbError.UNKNOWN_FUNCTION);
        });
    }

    /**
     * Distributed detection: a sender on one host, receivers on the others; some deliver in time,
     * some late, one never. Every local TTCB computes the same list; late or missing deliveries
     * are flagged within the bound after the deadline (TTFD1); timely ones never (TTFD2); the
     * sender's TTCB runs the handler.
     */
    @Test
    void distributedTimingFailureDetection() {
        Seeds.forEach(20, seed -> {
            TtcbSim s = TtcbSim.standard(seed).synchronise();
            SplittableRandom rnd = new SplittableRandom(seed);
            List<TtcbClient> e = s.entities(4, Protection.MAC);
            TtcbClient sender = e.getFirst();
            List<TtcbClient> receivers = e.subList(1, 4);
            List<Eid> elist = TtcbSim.eids(receivers);
            long spec = 20 * MS;
            long start = sender.getTimestamp();
            long mid = rnd.nextLong();
            var started = sender.startDistributed(start, spec, mid, elist, ALARM);
            assertThat(started.error()).isEqualTo(TtcbError.OK);
            Tag tag = started.tag();
            CompletableFuture<DistributedInfo> atSender = sender.waitInfo(tag);
            // Receivers may ask before the start record reached their local TTCB: they wait for it.
            List<CompletableFuture<DistributedInfo>> atReceivers = receivers.stream().map(c -> c.waitInfo(tag)).toList();
            // Receiver 0 timely (well before the deadline, beyond π), 1 late, 2 never, or all timely.
            boolean allTimely = rnd.nextInt(3) == 0;
            long[] delays = {rnd.nextLong(spec - s.timing.pi() - MS), allTimely ? rnd.nextLong(spec - s.timing.pi() - MS) : spec + MS + rnd.nextLong(10 * MS),
                    allTimely ? 2 * MS : -1};
            List<Timeliness> verdicts = new ArrayList<>(List.of(Timeliness.UNKNOWN_YET, Timeliness.UNKNOWN_YET, Timeliness.UNKNOWN_YET));
            for (int i = 0; i < 3; i++) {
                if (delays[i] < 0) {
                    continue;
                }
                int k = i;
                s.sim.schedule(delays[i], () -> {
                    var d = receivers.get(k).delivDistributed(mid, tag);
                    assertThat(d.error()).isEqualTo(TtcbError.OK);
                    verdicts.set(k, d.timeliness());
                });
            }
            s.runFor(spec + s.timing.distributedDetectionBound() + 5 * MS);
            assertThat(atSender).isDone();
            DistributedInfo info = atSender.join();
            assertThat(info.error()).isEqualTo(TtcbError.OK);
            assertThat(info.receivers()).extracting(DeliveryInfo::receiver).containsExactlyElementsOf(elist);
            assertThat(info.receivers().get(0).faulty()).as("TTFD2").isFalse();
            assertThat(verdicts.get(0)).isIn(Timeliness.TIMELY, Timeliness.UNKNOWN_YET);
            if (allTimely) {
                assertThat(info.receivers()).noneMatch(DeliveryInfo::faulty);
                assertThat(s.ttcb(0).reactions()).isEmpty();
            } else {
                assertThat(info.receivers().get(1).faulty()).isTrue();
                assertThat(info.receivers().get(1).delivered()).isTrue();
                assertThat(verdicts.get(1)).isIn(Timeliness.FAULTY, Timeliness.UNKNOWN_YET);
                assertThat(info.receivers().get(2).faulty()).isTrue();
                assertThat(info.receivers().get(2).delivered()).isFalse();
                Reaction r = s.ttcb(sender.eid().ttcb()).reactions().getLast();
                assertThat(r.tag()).isEqualTo(tag);
                // TTFD1: detected within the stated bound after the deadline (plus one clock correction).
                assertThat(r.at() - (start + spec)).isBetween(0L, s.timing.distributedDetectionBound() + s.timing.pi());
            }
            // Every local TTCB reports the same list.
            for (CompletableFuture<DistributedInfo> f : atReceivers) {
                assertThat(f).isDone();
                assertThat(f.join().receivers()).isEqualTo(info.receivers());
            }
            for (TtcbClient c : receivers) {
                DistributedInfo other = c.waitInfo(tag).join();
                assertThat(other.receivers()).isEqualTo(info.receivers());
            }
            for (int i = 1; i < 4; i++) {
                assertThat(s.ttcb(i).reactions()).as("only the sender's TTCB reacts").isEmpty();
            }
        });
    }

    @Test
    void timelyExecutionAndSchedulability() {
        TtcbSim s = TtcbSim.standard(31).synchronise();
        TtcbClient e = s.cluster.entity(0, Protection.MAC);
        long start = e.getTimestamp();
        byte[] arg = "hash me".getBytes(StandardCharsets.US_ASCII);
        CompletableFuture<ExecResult> f = e.exec(start, 3 * MS, 10 * MS, FunctionLibrary.SHA256, arg);
        assertThat(f).isNotDone();
        s.runFor(2 * MS);
        assertThat(f).as("TTE: not before start_ev + delay").isNotDone();
        s.runFor(9 * MS);
        ExecResult r = f.join();
        assertThat(r.error()).isEqualTo(TtcbError.OK);
        assertThat(r.endEv()).isBetween(start + 3 * MS, start + 10 * MS);
        assertThat(r.output()).hasSize(32);
        // A window shorter than the WCET (sha256: 200 us) cannot be met.
        assertThat(e.exec(e.getTimestamp(), 0, 100_000, FunctionLibrary.SHA256, arg).join().error()).isEqualTo(TtcbError.UNSCHEDULABLE);
        // Five 200-us jobs fit in a 1 ms window, the sixth does not.
        long now = e.getTimestamp();
        List<CompletableFuture<ExecResult>> jobs = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            jobs.add(e.exec(now, MS, 2 * MS, FunctionLibrary.SHA256, arg));
            assertThat(jobs.getLast()).isNotDone();
        }
        assertThat(e.exec(now, MS, 2 * MS, FunctionLibrary.SHA256, arg).join().error()).isEqualTo(TtcbError.UNSCHEDULABLE);
        s.runFor(3 * MS);
        for (CompletableFuture<ExecResult> j : jobs) {
            assertThat(j.join().error()).isEqualTo(TtcbError.OK);
            assertThat(j.join().endEv()).isBetween(now + MS, now + 2 * MS);
        }
        assertThat(e.exec(now, 0, MS, "upload-me", arg).join().error()).isEqualTo(TtcbError.UNKNOWN_FUNCTION);
        assertThat(s.ttcb(0).counters().execLate.get()).isZero();
    }

    @Test
    void randomNumbersDiffer() {
        TtcbSim s = TtcbSim.standard(41).synchronise();
        TtcbClient e = s.cluster.entity(0, Protection.MAC);
        assertThat(List.of(e.getRandom(), e.getRandom(), e.getRandom())).doesNotHaveDuplicates();
    }
}
