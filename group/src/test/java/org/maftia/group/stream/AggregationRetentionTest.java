package org.maftia.group.stream;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.maftia.group.rbc.Rbc;
import org.maftia.group.sim.NetworkAttack;
import org.maftia.group.sim.SimGroup;

/**
 * The memory an aggregated reliable stream keeps for laggards is bounded per sender in bytes: a
 * party that never reports (here a silent corrupted one, to the others no different from a very
 * slow honest one) makes the others keep a sender's delivered instances only up to the lane's
 * budget, after which the oldest are finished, and the stream goes on.
 */
class AggregationRetentionTest {

    private static final int N = 4;
    private static final int SILENT = 3;
    private static final int SENDER = 0;
    private static final int ENTRIES = 20;
    /** Payload bytes: five fit in the 1 MiB budget, with their per-instance charge. */
    private static final int PAYLOAD = 200 * 1024;

    @Test
    void aPartyThatNeverReportsMakesTheOthersKeepALaneOnlyUpToItsBudget() {
        SimGroup g = new SimGroup(7, N, SILENT);
        g.attack(NetworkAttack.SILENT.at(g, SILENT));
        Map<Integer, Aggregation> streams = new TreeMap<>();
        Map<Integer, List<byte[]>> received = new TreeMap<>();
        int[] peak = new int[N];
        for (int i : g.honest()) {
            List<byte[]> got = new ArrayList<>();
            received.put(i, got);
            Aggregation a = new Aggregation("budget", "rbc", 1, (id, sender, deliver) -> {
                Rbc rbc = new Rbc(id, sender, Rbc.DEFAULT_MAX_PAYLOAD, deliver);
                return new Aggregation.Sub(rbc, rbc::broadcast);
            }, new Aggregation.Output() {
                @Override
                public boolean deliver(byte[] payload, boolean own) {
                    got.add(payload);
                    return true;
                }

                @Override
                public void terminate() {
                }
            });
            streams.put(i, a);
            g.sites.get(i).start(a);
        }
        for (int k = 0; k < ENTRIES; k++) {
            byte[] payload = new byte[PAYLOAD];
            Arrays.fill(payload, (byte) k);
            streams.get(SENDER).submit(payload);
        }
        g.runUntil(() -> {
            for (int i : g.honest()) {
                peak[i] = Math.max(peak[i], g.sites.get(i).session().activeInstances());
            }
            return received.values().stream().allMatch(got -> got.size() == ENTRIES);
        });
        g.runToQuiescence();

        long perInstance = new StreamEntry.Data(SENDER, 0, new byte[PAYLOAD]).encode().length + KeptInstances.INSTANCE_BYTES;
        long fit = (1 << 20) / perInstance;
        for (int i : g.honest()) {
            assertThat(received.get(i)).as("site %d delivered P%d's entries", i, SENDER).hasSize(ENTRIES);
            for (int k = 0; k < ENTRIES; k++) {
                assertThat(received.get(i).get(k)).as("site %d, entry %d", i, k).containsOnly((byte) k);
            }
            // The stream, a live instance per sender, and the kept instances of the one busy lane.
            assertThat(peak[i]).as("site %d: instances at most", i).isLessThanOrEqualTo(1 + N + (int) fit);
            assertThat(streams.get(i).finishedOverBudget()).as("site %d: instances finished over the budget", i)
                    .isEqualTo(ENTRIES - fit);
        }
    }
}
