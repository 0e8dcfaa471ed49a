package org.maftia.ttcb.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.maftia.ttcb.sim.TtcbSim.MS;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.maftia.ttcb.Protection;
import org.maftia.ttcb.Tag;
import org.maftia.ttcb.Ttcb.DistributedInfo;
import org.maftia.ttcb.Ttcb.Handler;
import org.maftia.ttcb.Ttcb.TagResult;
import org.maftia.ttcb.TtcbError;
import org.maftia.ttcb.client.TtcbClient;

/**
 * The time services keep a table per kind of action (spec 2.2.4), bounded. One entity opening
 * measurements, timing failure detections or waits without end must hit its own bound, answered
 * RESOURCES, and leave the table to the other entities of its host.
 */
class TimeServiceShareTest {

    private static final int TRIES = 5_000;
    private static final Handler NONE = Handler.NONE;

    /** Opens until refused; answers how many were opened, after checking the refusal is RESOURCES. */
    private static int openUntilRefused(Function<Integer, TagResult> open) {
        for (int i = 0; i < TRIES; i++) {
            TagResult r = open.apply(i);
            if (r.error() != TtcbError.OK) {
                assertThat(r.error()).isEqualTo(TtcbError.RESOURCES);
                return i;
            }
        }
        return TRIES;
    }

    @Test
    void oneEntityCannotTakeEveryMeasurementLocalActionOrDistributedAction() {
        TtcbSim s = TtcbSim.standard(61).synchronise();
        TtcbClient hog = s.cluster.entity(0, Protection.MAC);
        TtcbClient other = s.cluster.entity(0, Protection.MAC);
        TtcbClient receiver = s.cluster.entity(1, Protection.MAC);
        long now = hog.getTimestamp();
        long hour = 3_000_000 * MS;

        int measurements = openUntilRefused(i -> hog.startMeasurement(now));
        assertThat(other.startMeasurement(other.getTimestamp()).error()).as("another entity's measurement after %d of the hog's", measurements)
                .isEqualTo(TtcbError.OK);
        int locals = openUntilRefused(i -> hog.startLocal(now, hour, NONE));
        assertThat(other.startLocal(other.getTimestamp(), hour, NONE).error()).as("another entity's local action after %d of the hog's", locals)
                .isEqualTo(TtcbError.OK);
        int distributed = openUntilRefused(i -> {
            s.runFor(s.timing.ts());
            return hog.startDistributed(hog.getTimestamp(), hour, i, List.of(receiver.eid()), NONE);
        });
        assertThat(other.startDistributed(other.getTimestamp(), hour, -1, List.of(receiver.eid()), NONE).error())
                .as("another entity's distributed action after %d of the hog's", distributed).isEqualTo(TtcbError.OK);
    }

    @Test
    void oneEntityCannotTakeEveryWait() {
        TtcbSim s = TtcbSim.standard(62).synchronise();
        TtcbClient hog = s.cluster.entity(0, Protection.MAC);
        TtcbClient other = s.cluster.entity(0, Protection.MAC);
        int refused = 0;
        for (int i = 0; i < TRIES; i++) {
            CompletableFuture<DistributedInfo> w = hog.waitInfo(new Tag(1, 1_000_000 + i));
            if (w.isDone()) {
                assertThat(w.join().error()).isEqualTo(TtcbError.RESOURCES);
                refused++;
            }
        }
        assertThat(refused).as("the hog's waits refused").isPositive();
        CompletableFuture<DistributedInfo> mine = other.waitInfo(new Tag(1, 42));
        assertThat(mine).as("another entity's wait for a start record still on its way").isNotDone();
        s.runFor(s.timing.tagreement() + 2 * s.timing.tr());
        assertThat(mine.join().error()).isEqualTo(TtcbError.UNKNOWN_TAG);
    }
}
