package org.maftia.ttcb.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The receiving thread's check (AN8): a frame sealed by a sender names it; a forged, tampered or
 * replayed-under-another-name frame is -1, on any thread, with the cipher reused between frames.
 */
class ControlCodecAuthenticTest {

    private final ControlCodec codec = new ControlCodec(new byte[32], 4, new SecureRandom());

    private byte[] sealedBy(int sender) {
        return codec.seal(new ControlMessage(sender, 3, 1234, new long[4], new long[4], new long[4], List.of()));
    }

    @Test
    void onlyFramesSealedByTheSenderTheyNameAreAuthentic() {
        Random random = new Random(1);
        for (int i = 0; i < 10_000; i++) {
            byte[] forged = new byte[48];
            random.nextBytes(forged);
            forged[0] = 1;
            forged[1] = 0;
            forged[2] = (byte) random.nextInt(4);
            assertThat(codec.authenticSender(forged)).isEqualTo(-1);
            byte[] sealed = sealedBy(i % 4);
            assertThat(codec.authenticSender(sealed)).isEqualTo(i % 4);
        }
        byte[] tampered = sealedBy(1);
        tampered[tampered.length - 1] ^= 1;
        assertThat(codec.authenticSender(tampered)).isEqualTo(-1);
        byte[] renamed = sealedBy(1);
        renamed[2] = 2;
        assertThat(codec.authenticSender(renamed)).isEqualTo(-1);
        byte[] unknown = sealedBy(1);
        unknown[2] = 9;
        assertThat(codec.authenticSender(unknown)).isEqualTo(-1);
    }

    @Test
    void framesAuthenticatedOnAnotherThreadStillOpenOnThisOne() throws Exception {
        byte[] sealed = sealedBy(2);
        int[] seen = new int[1];
        Thread rx = Thread.ofPlatform().start(() -> seen[0] = codec.authenticSender(sealed));
        rx.join();
        assertThat(seen[0]).isEqualTo(2);
        assertThat(codec.open(sealed).sender()).isEqualTo(2);
    }
}
