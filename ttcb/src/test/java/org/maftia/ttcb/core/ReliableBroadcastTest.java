package org.maftia.ttcb.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

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
}
