package org.maftia.group.abba;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.maftia.crypto.Share;
import org.maftia.group.abba.AbbaMessage.Coin;
import org.maftia.group.abba.AbbaMessage.MainVote;
import org.maftia.group.abba.AbbaMessage.MainVoteJustification.Conflict;
import org.maftia.group.abba.AbbaMessage.MainVoteJustification.Unanimous;
import org.maftia.group.abba.AbbaMessage.PreProcess;
import org.maftia.group.abba.AbbaMessage.PreVote;
import org.maftia.group.abba.AbbaMessage.PreVoteJustification.Hard;
import org.maftia.group.abba.AbbaMessage.PreVoteJustification.Initial;
import org.maftia.group.abba.AbbaMessage.PreVoteJustification.Soft;
import org.maftia.group.core.MalformedMessageException;
import org.maftia.group.core.MessageTypes;

/** The strict decoders of Protocol 3's messages. */
class AbbaMessageTest {

    private static final Share SHARE = new Share(3, new byte[] {1, 2, 3});
    private static final byte[] SIG = {9, 8, 7, 6};

    private static List<AbbaMessage> samples() {
        return List.of(new PreProcess(true, SHARE), new PreProcess(false, SHARE),
                new PreVote(1, true, new Initial(SIG), SHARE), new PreVote(2, false, new Hard(SIG), SHARE),
                new PreVote(7, true, new Soft(SIG), SHARE), new MainVote(1, 0, new Unanimous(SIG), SHARE),
                new MainVote(4, AbbaMessage.ABSTAIN, new Conflict(new Soft(SIG), new Hard(new byte[0])), SHARE),
                new MainVote(1, AbbaMessage.ABSTAIN, new Conflict(new Initial(SIG), new Initial(SIG)), SHARE),
                new Coin(5, SHARE));
    }

    @Test
    void everyMessageSurvivesItsEncoding() throws MalformedMessageException {
        for (AbbaMessage m : samples()) {
            AbbaMessage back = AbbaMessage.decode(m.type(), m.body());
            assertThat(back.getClass()).isEqualTo(m.getClass());
            assertThat(back.body()).as("%s", m).isEqualTo(m.body());
        }
    }

    @Test
    void everyTruncationAndTrailingByteIsRefused() {
        for (AbbaMessage m : samples()) {
            byte[] body = m.body();
            for (int len = 0; len < body.length; len++) {
                byte[] cut = Arrays.copyOf(body, len);
                assertThatThrownBy(() -> AbbaMessage.decode(m.type(), cut)).as("%s cut to %d", m, len)
                        .isInstanceOf(MalformedMessageException.class);
            }
            byte[] longer = Arrays.copyOf(body, body.length + 1);
            assertThatThrownBy(() -> AbbaMessage.decode(m.type(), longer)).isInstanceOf(MalformedMessageException.class);
        }
    }

    @Test
    void valuesRoundsAndJustificationKindsAreChecked() {
        refused(MessageTypes.ABBA_PRE_PROCESS, withByte(new PreProcess(true, SHARE).body(), 0, 2));
        refused(MessageTypes.ABBA_COIN, withInt(new Coin(1, SHARE).body(), 0, 0));
        refused(MessageTypes.ABBA_COIN, withInt(new Coin(1, SHARE).body(), 0, -5));
        refused(MessageTypes.ABBA_COIN, withInt(new Coin(1, SHARE).body(), 4, -1)); // share index
        refused(MessageTypes.ABBA_COIN, withInt(new Coin(1, SHARE).body(), 8, Integer.MAX_VALUE)); // length
        refused(MessageTypes.ABBA_PRE_VOTE, new PreVote(2, true, new Initial(SIG), SHARE).body());
        refused(MessageTypes.ABBA_PRE_VOTE, new PreVote(1, true, new Hard(SIG), SHARE).body());
        refused(MessageTypes.ABBA_PRE_VOTE, new PreVote(1, true, new Soft(SIG), SHARE).body());
        refused(MessageTypes.ABBA_PRE_VOTE, withByte(new PreVote(2, true, new Hard(SIG), SHARE).body(), 5, 3));
        refused(MessageTypes.ABBA_MAIN_VOTE, new MainVote(1, AbbaMessage.ABSTAIN, new Unanimous(SIG), SHARE).body());
        refused(MessageTypes.ABBA_MAIN_VOTE,
                new MainVote(1, 1, new Conflict(new Initial(SIG), new Initial(SIG)), SHARE).body());
        refused(MessageTypes.ABBA_MAIN_VOTE,
                new MainVote(2, AbbaMessage.ABSTAIN, new Conflict(new Initial(SIG), new Hard(SIG)), SHARE).body());
        refused(MessageTypes.ABBA_MAIN_VOTE, withByte(new MainVote(1, 0, new Unanimous(SIG), SHARE).body(), 4, 3));
        refused(MessageTypes.RBC_SEND, new Coin(1, SHARE).body());
    }

    private static void refused(int type, byte[] body) {
        assertThatThrownBy(() -> AbbaMessage.decode(type, body)).isInstanceOf(MalformedMessageException.class);
    }

    private static byte[] withByte(byte[] body, int at, int value) {
        body[at] = (byte) value;
        return body;
    }

    private static byte[] withInt(byte[] body, int at, int value) {
        ByteBuffer.wrap(body).putInt(at, value);
        return body;
    }
}
