package org.maftia.group.vcbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;
import org.maftia.group.core.Digest;
import org.maftia.group.core.MalformedMessageException;
import org.maftia.group.core.MessageTypes;
import org.maftia.group.core.WireLimits;
import org.maftia.group.vcbc.VcbcMessage.Answer;
import org.maftia.group.vcbc.VcbcMessage.Final;
import org.maftia.group.vcbc.VcbcMessage.Ready;
import org.maftia.group.vcbc.VcbcMessage.Request;
import org.maftia.group.vcbc.VcbcMessage.Send;

/** The strict decoders of Protocol 6's messages and of closings. */
class VcbcMessageTest {

    private static final int MAX = 100;
    private static final int N = 4;
    private static final Digest D = Digest.of(new byte[] {1, 2, 3});

    private static VcbcMessage roundTrip(VcbcMessage m) throws MalformedMessageException {
        return VcbcMessage.decode(m.type(), m.body(), MAX, N);
    }

    @Test
    void everyMessageDecodesToWhatWasEncoded() throws MalformedMessageException {
        assertThat(((Send) roundTrip(new Send(new byte[] {9, 8}))).m()).containsExactly(9, 8);
        Ready r = (Ready) roundTrip(new Ready(D, new byte[] {5, 6, 7}));
        assertThat(r.d()).isEqualTo(D);
        assertThat(r.share()).containsExactly(5, 6, 7);
        Final f = (Final) roundTrip(new Final(D, new byte[] {4}));
        assertThat(f.d()).isEqualTo(D);
        assertThat(f.signature()).containsExactly(4);
        assertThat(roundTrip(new Request())).isInstanceOf(Request.class);
        Answer a = (Answer) roundTrip(new Answer(new byte[] {1}, new byte[] {2, 3}));
        assertThat(a.m()).containsExactly(1);
        assertThat(a.signature()).containsExactly(2, 3);
        Answer empty = (Answer) roundTrip(new Answer(new byte[0], new byte[] {2}));
        assertThat(empty.m()).isEmpty();
    }

    @Test
    void truncatedMessagesAreRefused() {
        byte[] digestOnly = D.bytes();
        assertThatThrownBy(() -> VcbcMessage.decode(MessageTypes.VCBC_READY, digestOnly, MAX, N))
                .isInstanceOf(MalformedMessageException.class);
        assertThatThrownBy(() -> VcbcMessage.decode(MessageTypes.VCBC_READY, new byte[5], MAX, N))
                .isInstanceOf(MalformedMessageException.class);
        assertThatThrownBy(() -> VcbcMessage.decode(MessageTypes.VCBC_FINAL, digestOnly, MAX, N))
                .isInstanceOf(MalformedMessageException.class);
        assertThatThrownBy(() -> VcbcMessage.decode(MessageTypes.VCBC_ANSWER, new byte[3], MAX, N))
                .isInstanceOf(MalformedMessageException.class);
        byte[] answer = new Answer(new byte[] {1, 2, 3}, new byte[] {4}).body();
        for (int cut = 0; cut < answer.length; cut++) {
            byte[] shorter = java.util.Arrays.copyOf(answer, cut);
            assertThatThrownBy(() -> VcbcMessage.decode(MessageTypes.VCBC_ANSWER, shorter, MAX, N))
                    .as("answer cut at %d", cut).isInstanceOf(MalformedMessageException.class);
        }
    }

    @Test
    void oversizedMessagesAreRefused() {
        assertThatThrownBy(() -> VcbcMessage.decode(MessageTypes.VCBC_SEND, new byte[MAX + 1], MAX, N))
                .isInstanceOf(MalformedMessageException.class);
        assertThatThrownBy(() -> VcbcMessage.decode(MessageTypes.VCBC_READY,
                new Ready(D, new byte[WireLimits.SHARE_BYTES + 1]).body(), MAX, N)).isInstanceOf(MalformedMessageException.class);
        assertThatThrownBy(() -> VcbcMessage.decode(MessageTypes.VCBC_FINAL,
                new Final(D, new byte[WireLimits.signatureBytes(N) + 1]).body(), MAX, N)).isInstanceOf(MalformedMessageException.class);
        assertThatThrownBy(() -> VcbcMessage.decode(MessageTypes.VCBC_ANSWER,
                new Answer(new byte[MAX + 1], new byte[] {1}).body(), MAX, N)).isInstanceOf(MalformedMessageException.class);
        assertThatThrownBy(() -> VcbcMessage.decode(MessageTypes.VCBC_REQUEST, new byte[1], MAX, N))
                .isInstanceOf(MalformedMessageException.class);
    }

    @Test
    void theSignatureBoundGrowsWithTheGroup() throws MalformedMessageException {
        // A quorum certificate of a large group is longer than any of a small one.
        byte[] large = new Final(D, new byte[WireLimits.signatureBytes(N) + 1]).body();
        assertThatThrownBy(() -> VcbcMessage.decode(MessageTypes.VCBC_FINAL, large, MAX, N))
                .isInstanceOf(MalformedMessageException.class);
        assertThat(VcbcMessage.decode(MessageTypes.VCBC_FINAL, large, MAX, 1000)).isInstanceOf(Final.class);
    }

    @Test
    void aClosingWhosePayloadLengthLiesIsRefused() {
        byte[] negative = ByteBuffer.allocate(10).putInt(-1).array();
        byte[] tooLong = ByteBuffer.allocate(10).putInt(6).array();
        for (byte[] bad : new byte[][] {negative, tooLong}) {
            assertThatThrownBy(() -> VcbcMessage.decode(MessageTypes.VCBC_ANSWER, bad, MAX, N))
                    .isInstanceOf(MalformedMessageException.class);
            assertThatThrownBy(() -> Vcbc.payloadFromClosing(bad, 0, bad.length)).isInstanceOf(IllegalArgumentException.class);
        }
        assertThatThrownBy(() -> Vcbc.payloadFromClosing(new byte[10], 8, 4)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void otherTypesAreRefused() {
        for (int type : new int[] {MessageTypes.RBC_SEND, MessageTypes.ABBA_COIN, 0, -1, 0x0606}) {
            assertThatThrownBy(() -> VcbcMessage.decode(type, new byte[40], MAX, N))
                    .as("type %x", type).isInstanceOf(MalformedMessageException.class);
        }
    }
}
