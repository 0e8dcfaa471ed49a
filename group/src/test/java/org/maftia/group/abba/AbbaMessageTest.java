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
import org.maftia.group.abba.AbbaMessage.PreVoteJustification.External;
import org.maftia.group.abba.AbbaMessage.PreVoteJustification.Hard;
import org.maftia.group.abba.AbbaMessage.PreVoteJustification.Initial;
import org.maftia.group.abba.AbbaMessage.PreVoteJustification.Soft;
import org.maftia.group.core.MalformedMessageException;
import org.maftia.group.core.MessageTypes;
import org.maftia.group.core.WireLimits;

/** The strict decoders of Protocol 3's messages. */
class AbbaMessageTest {

    private static final int N = 4;
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
            AbbaMessage back = AbbaMessage.decode(m.type(), m.body(), N);
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
                assertThatThrownBy(() -> AbbaMessage.decode(m.type(), cut, N)).as("%s cut to %d", m, len)
                        .isInstanceOf(MalformedMessageException.class);
            }
            byte[] longer = Arrays.copyOf(body, body.length + 1);
            assertThatThrownBy(() -> AbbaMessage.decode(m.type(), longer, N)).isInstanceOf(MalformedMessageException.class);
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

    @Test
    void anExternalProofFarLargerThanAnyCompactClosingIsRefused() throws MalformedMessageException {
        // An honest abstention embeds a round-1 pre-vote's proof (spec 5.2.1.1, main-vote
        // justification): an uncapped proof would push it past the frame.
        byte[] proof = new byte[1 << 20];
        refused(MessageTypes.ABBA_PRE_VOTE, new PreVote(1, false, new External(proof), SHARE).body());
        refused(MessageTypes.ABBA_MAIN_VOTE, new MainVote(1, AbbaMessage.ABSTAIN,
                new Conflict(new External(proof), new External(SIG)), SHARE).body());
        byte[] largest = new byte[WireLimits.proofBytes(N)];
        refused(MessageTypes.ABBA_PRE_VOTE, new PreVote(1, false, new External(Arrays.copyOf(largest, largest.length + 1)),
                SHARE).body());
        AbbaMessage fits = AbbaMessage.decode(MessageTypes.ABBA_PRE_VOTE,
                new PreVote(1, false, new External(largest), SHARE).body(), N);
        assertThat(((PreVote) fits).justification().signature()).hasSize(WireLimits.proofBytes(N));
    }

    @Test
    void signaturesAndSharesAreBoundedForTheGroup() {
        byte[] signature = new byte[WireLimits.signatureBytes(N) + 1];
        refused(MessageTypes.ABBA_PRE_VOTE, new PreVote(2, false, new Hard(signature), SHARE).body());
        refused(MessageTypes.ABBA_MAIN_VOTE, new MainVote(2, 1, new Unanimous(signature), SHARE).body());
        refused(MessageTypes.ABBA_COIN, new Coin(2, new Share(1, new byte[WireLimits.SHARE_BYTES + 1])).body());
    }

    private static void refused(int type, byte[] body) {
        assertThatThrownBy(() -> AbbaMessage.decode(type, body, N)).isInstanceOf(MalformedMessageException.class);
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
