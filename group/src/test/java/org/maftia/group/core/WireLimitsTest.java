package org.maftia.group.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.maftia.net.tcp.TcpSettings;

/** The size limits of the group protocols against the frame: accepted where every message fits, refused in one line otherwise. */
class WireLimitsTest {

    private static final int FRAME = TcpSettings.DEFAULTS.maxFrameBytes();

    @ParameterizedTest
    @ValueSource(ints = {1, 4, 7, 100, 1000, 10_000})
    void theDefaultFrameCarriesEveryMessageOfTheseGroups(int n) {
        WireLimits limits = new WireLimits(FRAME, n);
        assertThat(limits.abbaBytes()).isLessThanOrEqualTo(limits.bodyBytes());
        assertThat(limits.vbaVoteBytes()).isLessThanOrEqualTo(limits.bodyBytes());
        assertThat(limits.vcbcBytes(WireLimits.PAYLOAD_BYTES)).isLessThanOrEqualTo(limits.bodyBytes());
        assertThat(limits.vcbcPayloadBytes()).isGreaterThanOrEqualTo(WireLimits.PAYLOAD_BYTES);
        assertThat(limits.rbcPayloadBytes()).isGreaterThanOrEqualTo(WireLimits.PAYLOAD_BYTES);
        // Proofs stay far below the frame (an abstention carries two), and VBA's always fit.
        assertThat(WireLimits.proofBytes(n)).isGreaterThanOrEqualTo(WireLimits.compactClosingBytes(n))
                .isLessThan(FRAME / 8);
    }

    @Test
    void aGroupTooLargeForTheFrameIsRefusedInOneLineThatNamesTheFix() {
        assertThatThrownBy(() -> new WireLimits(FRAME, 20_000))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("maxFrameBytes " + FRAME)
                .hasMessageContaining("n = 20000")
                .hasMessageContaining("VCBC answer")
                .hasMessageNotContaining("\n");
        int least = leastFrame(20_000);
        assertThat(new WireLimits(least, 20_000).bodyBytes()).isPositive();
        assertThatThrownBy(() -> new WireLimits(least - 1, 20_000)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aFrameTooSmallForTheProtocolsIsRefused() {
        assertThatThrownBy(() -> new WireLimits(1 << 20, 4))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("maxFrameBytes 1048576 is too small for a group of n = 4")
                .hasMessageContaining("set maxFrameBytes to at least");
    }

    @Test
    void abcBatchesMustLeaveTheirProposalInsideAVbaPayload() {
        WireLimits small = new WireLimits(FRAME, 4);
        small.requireAbcBatch(512, 1 << 20);
        WireLimits sixteen = new WireLimits(FRAME, 16);
        assertThatThrownBy(() -> sixteen.requireAbcBatch(512, 1 << 20))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("maxBatchBytes 1048576 is too large for a group of n = 16")
                .hasMessageNotContaining("\n");
        String message = catchMessage(() -> sixteen.requireAbcBatch(512, 1 << 20));
        int fits = Integer.parseInt(message.substring(message.lastIndexOf(' ') + 1));
        sixteen.requireAbcBatch(512, fits);
        assertThatThrownBy(() -> sixteen.requireAbcBatch(512, fits + 1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void signaturesGrowWithTheGroupAndCoverEveryScheme() {
        assertThat(WireLimits.signatureBytes(4)).isGreaterThanOrEqualTo(2 + 2048); // shoup-rsa, 16384 bits
        assertThat(WireLimits.signatureBytes(1000)).isEqualTo(2 + 125 + 64 * 1000); // ed25519-quorum of all
        assertThat(WireLimits.signatureBytes(Integer.MAX_VALUE)).isPositive();
    }

    private static int leastFrame(int n) {
        String message = catchMessage(() -> new WireLimits(FRAME, n));
        String after = message.substring(message.indexOf("at least ") + "at least ".length());
        return Integer.parseInt(after.substring(0, after.indexOf(' ')));
    }

    private static String catchMessage(Runnable r) {
        try {
            r.run();
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
        throw new AssertionError("no exception");
    }
}
