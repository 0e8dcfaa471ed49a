package org.maftia.group.tcp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.maftia.group.core.RawMessage;
import org.maftia.group.loopback.LoopbackGroup;
import org.maftia.group.core.SiteRuntime;
import org.maftia.group.core.Envelope;
import org.maftia.group.core.MessageTypes;
import org.maftia.group.sim.RawInstance;
import org.maftia.group.core.WireLimits;
import org.maftia.net.link.LinkMode;
import org.maftia.net.tcp.TcpSettings;

/**
 * {@link WireLimits#FRAME_OVERHEAD_BYTES} bounds what a frame adds to a body: the largest body the
 * limits allow, under the longest protocol id, crosses real TCP through authenticated links (in
 * the mode with the longer tag).
 */
class FrameOverheadOverTcpTest {

    @Test
    void theLargestBodyUnderTheLongestIdFitsAFrame() throws Exception {
        int n = 4;
        int body = new WireLimits(TcpSettings.DEFAULTS.maxFrameBytes(), n).bodyBytes();
        String id = "x".repeat(Envelope.MAX_PROTOCOL_ID_BYTES);
        try (LoopbackGroup group = LoopbackGroup.create("frame", n, 1, LinkMode.AEAD)) {
            CompletableFuture<Integer> received = new CompletableFuture<>();
            SiteRuntime.of(group.site(1)).start(new RawInstance(id) {
                @Override
                protected void onMessage(int from, int type, byte[] b) {
                    received.complete(b.length);
                }
            });
            SiteRuntime.of(group.site(0)).start(new RawInstance(id) {
                @Override
                protected void onStart() {
                    ctx.send(1, new RawMessage(MessageTypes.RBC_SEND, new byte[body]));
                }

                @Override
                protected void onMessage(int from, int type, byte[] b) {
                }
            });
            assertThat(received.get(30, TimeUnit.SECONDS)).isEqualTo(body);
            group.checkHealthy();
        }
    }
}
