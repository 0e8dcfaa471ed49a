package org.maftia.replication.recovery;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.maftia.group.core.Digest;
import org.maftia.replication.wire.TransferMessage.Chunk;
import org.maftia.replication.wire.TransferMessage.Offer;
import org.maftia.replication.wire.TransferMessage.Offered;

/**
 * The recovering side of state transfer with t = 1 against a corrupted replica: it offers a later
 * state alone (never chosen: t+1 must vouch), and, as a voucher of the honest state, serves other
 * bytes under its digest (caught by the digest: the next voucher is asked, from the first chunk).
 */
class StateTransferTest {

    private static final byte[] STATE = "the honest replicas' state, in three chunks".getBytes(java.nio.charset.StandardCharsets.UTF_8);
    private static final Offered HONEST = new Offered(40, Digest.of(STATE), STATE.length);

    @Test
    void onlyAStateTPlusOneVouchForIsTakenAndWrongBytesUnderItsDigestAreRefused() {
        StateTransfer transfer = new StateTransfer(1, 1 << 20);
        byte[] forged = "a state only the corrupted replica offers".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        transfer.offered(3, new Offer(List.of(new Offered(90, Digest.of(forged), forged.length), HONEST)));
        assertThat(transfer.chosen()).as("one voucher is not enough").isNull();
        transfer.offered(1, new Offer(List.of(HONEST)));
        assertThat(transfer.chosen().round()).as("the latest state t+1 vouch for, not the corrupted one's later one").isEqualTo(40);
        assertThat(transfer.chosen().vouchers()).containsExactly(1, 3);

        transfer.nextSource(); // the corrupted replica, 3, is the one asked: it serves other bytes of the same length
        assertThat(transfer.source()).isEqualTo(3);
        byte[] wrong = STATE.clone();
        wrong[5] ^= 1;
        int chunk = 16;
        int count = (STATE.length + chunk - 1) / chunk;
        for (int k = 0; k < count; k++) {
            byte[] part = Arrays.copyOfRange(wrong, k * chunk, Math.min(STATE.length, (k + 1) * chunk));
            assertThat(transfer.chunk(3, new Chunk(40, k, count, part))).isNull();
        }
        assertThat(transfer.wrongStates()).isEqualTo(1);
        assertThat(transfer.source()).as("on to the next voucher").isEqualTo(1);
        assertThat(transfer.chunk(3, new Chunk(40, 0, count, Arrays.copyOf(STATE, chunk)))).as("not the source now").isNull();

        byte[] taken = null;
        for (int k = 0; k < count; k++) {
            taken = transfer.chunk(1, new Chunk(40, k, count, Arrays.copyOfRange(STATE, k * chunk, Math.min(STATE.length, (k + 1) * chunk))));
        }
        assertThat(taken).isEqualTo(STATE);
    }

    @Test
    void aSourceSendingMoreThanTheVouchedSizeIsLeft() {
        StateTransfer transfer = new StateTransfer(1, 1 << 20);
        transfer.offered(0, new Offer(List.of(HONEST)));
        transfer.offered(2, new Offer(List.of(HONEST)));
        assertThat(transfer.source()).isEqualTo(0);
        assertThat(transfer.chunk(0, new Chunk(40, 0, 2, new byte[STATE.length + 1]))).isNull();
        assertThat(transfer.wrongStates()).isEqualTo(1);
        assertThat(transfer.source()).isEqualTo(2);
    }
}
