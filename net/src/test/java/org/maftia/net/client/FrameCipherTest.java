package org.maftia.net.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.util.Arrays;
import javax.crypto.AEADBadTagException;
import org.junit.jupiter.api.Test;

class FrameCipherTest {

    private final byte[] key = new byte[32];

    @Test
    void framesOpenInOrderAndTheSamePayloadNeverSealsTheSame() throws Exception {
        FrameCipher sealer = new FrameCipher(key);
        FrameCipher opener = new FrameCipher(key);
        byte[] a = sealer.seal(new byte[] {1, 2, 3});
        byte[] b = sealer.seal(new byte[] {1, 2, 3});
        assertThat(a).isNotEqualTo(b);
        assertThat(open(opener, a)).containsExactly(1, 2, 3);
        assertThat(open(opener, b)).containsExactly(1, 2, 3);
    }

    @Test
    void aReplayedReorderedOrAlteredFrameFails() throws Exception {
        FrameCipher sealer = new FrameCipher(key);
        byte[] first = sealer.seal(new byte[] {1});
        byte[] second = sealer.seal(new byte[] {2});
        assertThatThrownBy(() -> open(new FrameCipher(key), second)).isInstanceOf(AEADBadTagException.class);
        FrameCipher opener = new FrameCipher(key);
        open(opener, first);
        assertThatThrownBy(() -> open(opener, first)).isInstanceOf(AEADBadTagException.class);
        byte[] altered = first.clone();
        altered[altered.length - 1] ^= 1;
        assertThatThrownBy(() -> open(new FrameCipher(key), altered)).isInstanceOf(AEADBadTagException.class);
    }

    @Test
    void aSpentCounterRefusesToSealOrOpenAgain() throws Exception {
        FrameCipher sealer = new FrameCipher(key, Long.MAX_VALUE - 1);
        FrameCipher opener = new FrameCipher(key, Long.MAX_VALUE - 1);
        byte[] last = sealer.seal(new byte[] {9});
        assertThat(open(opener, last)).containsExactly(9);
        assertThatThrownBy(() -> sealer.seal(new byte[] {10})).isInstanceOf(FrameCipher.ExhaustedException.class);
        assertThatThrownBy(() -> open(opener, last)).isInstanceOf(FrameCipher.ExhaustedException.class);
    }

    private static byte[] open(FrameCipher opener, byte[] frame) throws Exception {
        int length = ByteBuffer.wrap(frame).getInt();
        return opener.open(length, Arrays.copyOfRange(frame, 4, frame.length));
    }
}
