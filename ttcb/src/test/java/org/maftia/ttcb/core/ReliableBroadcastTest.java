package org.maftia.ttcb.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.maftia.appia.time.Clock;

/** Protocol 2's receive routine, lines 9-16, message by message. */
class ReliableBroadcastTest {

    private final List<String> delivered = new ArrayList<>();
    private final ReliableBroadcast rb = new ReliableBroadcast(0, 3);

    private static ControlMessage m(int sender, long seq, long... higherseq) {
        long[] h = higherseq.length == 0 ? new long[] {-1, -1, -1} : higherseq;
        return new ControlMessage(sender, seq, seq * 10, h, new long[] {-1, -1, -1}, new long[] {-1, -1, -1}, List.of());
    }

    private void read(ControlMessage msg) {
        if (rb.firstCopy(msg)) {
            rb.receive(msg, x -> delivered.add("M(" + x.sender() + "," + x.seq() + ")"));
        }
    }

    @Test
    void aMessageIsDeliveredWhenTheSendersNextArrives() {
        read(m(1, 5));
        assertThat(delivered).isEmpty();
        read(m(1, 6));
        assertThat(delivered).containsExactly("M(1,5)");
        assertThat(rb.pending()).isEqualTo(1);
    }

    @Test
    void copiesAreDiscardedByRead() {
        read(m(1, 5));
        read(m(1, 5));
        read(m(1, 6));
        read(m(1, 5));
        assertThat(delivered).containsExactly("M(1,5)");
    }

    /** Lines 10-12, second condition: another TTCB shows it has M(1, 6), so M(1, 5) is safe to deliver. */
    @Test
    void aRelayedHigherSeqDeliversTheLastMessageOfACrashedSender() {
        read(m(1, 5));
        read(m(2, 9, -1, 6, 8));
        assertThat(delivered).containsExactly("M(1,5)");
    }

    /** Line 13: M arrives after a later message of its sender: delivered at once. */
    @Test
    void reorderedMessagesAreDeliveredOnArrival() {
        read(m(1, 7));
        read(m(1, 5));
        assertThat(delivered).containsExactly("M(1,5)");
        read(m(1, 6));
        assertThat(delivered).containsExactly("M(1,5)", "M(1,6)");
    }

    @Test
    void undeliverableMessagesArePurgedAfterTheTimelinessBound() {
        read(m(1, 5));
        assertThat(rb.purgeOlderThan(51)).isEqualTo(1);
        assertThat(rb.pending()).isZero();
    }

    @Test
    void numbersBelowTheWindowAreReplays() {
        read(m(1, 1000));
        ControlMessage old = m(1, 1000 - 300);
        assertThat(rb.firstCopy(old)).isFalse();
    }

    /** A local TTCB on a hand-driven clock; its routines are kept in {@code tasks}, in the order scheduled. */
    private static final class HandDriven {
        final byte[] secret = "control network secret".getBytes(StandardCharsets.US_ASCII);
        final List<Runnable> tasks = new ArrayList<>();
        long hardwareNow;
        final TtcbSettings settings;
        final LocalTtcb ttcb;

        HandDriven(int n) {
            settings = new TtcbSettings(0, n, TimingParameters.lanDefaults(), secret,
                    FunctionLibrary.builtIns(50_000, 200_000, 50_000), 64, 4096, 1_000_000_000L);
            Clock clock = new Clock() {
                public long currentTimeMillis() {
                    return hardwareNow / 1_000_000L;
                }

                public long nanoTime() {
                    return hardwareNow;
                }

                public boolean isRealTime() {
                    return false;
                }
            };
            TtcbScheduler scheduler = new TtcbScheduler() {
                @Override
                public Clock clock() {
                    return clock;
                }

                @Override
                public Cancellable schedule(long delayNanos, Runnable task) {
                    tasks.add(task);
                    return () -> { };
                }
            };
            ttcb = new LocalTtcb(settings, scheduler, frame -> { }, new SecureRandom());
            ttcb.start();
        }
    }

    /**
     * A copy dropped because the inbox is full is an omission, not a read (line 9): a later copy
     * of the same M(s, n) finds room and is read, so the Od + 1 copies still mask it (AN3).
     */
    @Test
    void aCopyDroppedByAFullInboxLeavesTheNextCopyToBeRead() {
        HandDriven h = new HandDriven(3);
        LocalTtcb ttcb = h.ttcb;
        // start() scheduled the broadcast routine, then the receive routine.
        Runnable receiveRound = h.tasks.get(1);
        ControlCodec codec = new ControlCodec(h.secret, 3, new SecureRandom());
        // Local TTCB 1 fills the inbox within one receive period.
        for (int k = 0; k < LocalTtcb.MAX_INBOX; k++) {
            ttcb.onFrame(codec.seal(m(1, k)), 0);
        }
        ttcb.onFrame(codec.seal(m(2, 5)), 0);
        assertThat(ttcb.counters().inboxFull.get()).as("first copy of M(2, 5) dropped").isEqualTo(1);
        receiveRound.run();
        long before = ttcb.counters().rDelivered.get();
        // The other Od copies of M(2, 5), then M(2, 6), which R-delivers it (line 10).
        for (int copy = 0; copy < h.settings.timing().od(); copy++) {
            ttcb.onFrame(codec.seal(m(2, 5)), 0);
        }
        ttcb.onFrame(codec.seal(m(2, 6)), 0);
        h.tasks.getLast().run();
        assertThat(ttcb.counters().rDelivered.get() - before).as("M(2, 5) R-delivered from a later copy").isEqualTo(1);
    }

    /**
     * A receive routine that runs later than WCETreceive after its instant would judge deadlines
     * (crash detection, Timeliness) on a clock that has run past messages still waiting to be
     * read: the local TTCB halts, the crash of spec 2.2.5, as it does for a late broadcast.
     */
    @Test
    void aReceiveRoutineRunningLateHalts() {
        HandDriven h = new HandDriven(1);
        TimingParameters t = h.settings.timing();
        // First receive instant Tr: the lone local TTCB synchronises.
        h.hardwareNow = t.tr();
        h.tasks.get(1).run();
        assertThat(h.ttcb.isSynchronised()).isTrue();
        // The next one on time, the one after late by more than WCETreceive, both before Ts.
        h.hardwareNow = 2 * t.tr();
        h.tasks.getLast().run();
        assertThat(h.ttcb.isHalted()).as("halted after an on-time receive routine").isFalse();
        h.hardwareNow = 3 * t.tr() + t.wcetReceive() + 1;
        assertThat(h.hardwareNow).isLessThan(t.ts());
        h.tasks.getLast().run();
        assertThat(h.ttcb.isHalted()).as("halted after a receive routine late by more than WCETreceive").isTrue();
        assertThat(h.ttcb.counters().lateRounds.get()).isEqualTo(1);
    }
}
