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

    /**
     * A copy dropped because the inbox is full is an omission, not a read (line 9): a later copy
     * of the same M(s, n) finds room and is read, so the Od + 1 copies still mask it (AN3).
     */
    @Test
    void aCopyDroppedByAFullInboxLeavesTheNextCopyToBeRead() {
        byte[] secret = "control network secret".getBytes(StandardCharsets.US_ASCII);
        TtcbSettings settings = new TtcbSettings(0, 3, TimingParameters.lanDefaults(), secret,
                FunctionLibrary.builtIns(50_000, 200_000, 50_000), 64, 4096, 1_000_000_000L);
        List<Runnable> tasks = new ArrayList<>();
        TtcbScheduler scheduler = new TtcbScheduler() {
            @Override
            public Clock clock() {
                return new Clock() {
                    public long currentTimeMillis() {
                        return 0;
                    }

                    public long nanoTime() {
                        return 0;
                    }

                    public boolean isRealTime() {
                        return false;
                    }
                };
            }

            @Override
            public Cancellable schedule(long delayNanos, Runnable task) {
                tasks.add(task);
                return () -> { };
            }
        };
        LocalTtcb ttcb = new LocalTtcb(settings, scheduler, frame -> { }, new SecureRandom());
        ttcb.start();
        Runnable receiveRound = tasks.get(1);
        ControlCodec codec = new ControlCodec(secret, 3, new SecureRandom());
        // Local TTCB 1 fills the inbox within one receive period.
        for (int k = 0; k < LocalTtcb.MAX_INBOX; k++) {
            ttcb.onFrame(codec.seal(m(1, k)), 0);
        }
        ttcb.onFrame(codec.seal(m(2, 5)), 0);
        assertThat(ttcb.counters().inboxFull.get()).as("first copy of M(2, 5) dropped").isEqualTo(1);
        receiveRound.run();
        long before = ttcb.counters().rDelivered.get();
        // The other Od copies of M(2, 5), then M(2, 6), which R-delivers it (line 10).
        for (int copy = 0; copy < settings.timing().od(); copy++) {
            ttcb.onFrame(codec.seal(m(2, 5)), 0);
        }
        ttcb.onFrame(codec.seal(m(2, 6)), 0);
        tasks.getLast().run();
        assertThat(ttcb.counters().rDelivered.get() - before).as("M(2, 5) R-delivered from a later copy").isEqualTo(1);
    }
}
