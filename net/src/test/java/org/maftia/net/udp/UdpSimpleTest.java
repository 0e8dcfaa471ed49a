package org.maftia.net.udp;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.maftia.appia.SendableEvent;
import org.maftia.appia.message.Message;
import org.maftia.net.InetWithPort;
import org.maftia.net.LoopbackSite;
import org.maftia.net.LoopbackSite.Ping;
import org.maftia.net.MalformedFrameException.Reason;
import org.maftia.net.NetworkCounters;
import org.junit.jupiter.api.Test;

class UdpSimpleTest {

    @Test
    void datagramsArriveAsTheSameEventWithTheSameAddressesAndBytes() throws Exception {
        try (LoopbackSite a = new LoopbackSite(new UdpSimpleLayer(), 0);
             LoopbackSite b = new LoopbackSite(new UdpSimpleLayer(), 0)) {
            InetWithPort to = b.address();
            for (int i = 0; i < 50; i++) {
                a.send(to, ("hello " + i).getBytes(StandardCharsets.UTF_8));
            }
            for (int i = 0; i < 50; i++) {
                SendableEvent e = b.take();
                assertThat(e).isInstanceOf(Ping.class);
                assertThat(e.source).isEqualTo(a.address());
                assertThat(e.dest).isEqualTo(to);
                assertThat(new String(e.getMessage().toByteArray(), StandardCharsets.UTF_8)).startsWith("hello ");
                assertThat(e.getSource()).isSameAs(b.networkSession());
            }
        }
    }

    @Test
    void garbageUnknownTypesAndWrongVersionsAreDroppedAndCounted() throws Exception {
        try (LoopbackSite b = new LoopbackSite(new UdpSimpleLayer(), 0);
             DatagramSocket raw = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            InetWithPort to = b.address();
            sendRaw(raw, to, new byte[] {1, 0, 0});
            sendRaw(raw, to, new byte[] {9, 0, 0, 0, 1, 'x', 0, 0});
            Message unlisted = new Message();
            unlisted.pushByte(0);
            unlisted.pushByte(0);
            unlisted.pushString(LoopbackSite.Unlisted.class.getName());
            unlisted.pushByte(1);
            sendRaw(raw, to, unlisted.toByteArray());
            sendRaw(raw, to, new byte[] {1, (byte) 0x7f, 0, 0, 0});
            NetworkCounters counters = ((UdpSimpleSession) b.networkSession()).counters();

            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (counters.refusedTotal() < 4 && System.nanoTime() < deadline) {
                Thread.onSpinWait();
            }

            assertThat(counters.refused(Reason.MALFORMED)).isEqualTo(2);
            assertThat(counters.refused(Reason.BAD_VERSION)).isEqualTo(1);
            assertThat(counters.refused(Reason.UNKNOWN_TYPE)).isEqualTo(1);
            assertThat(b.received).isEmpty();
        }
    }

    @Test
    void anEventTooLargeForADatagramIsRefusedAtTheSender() throws Exception {
        try (LoopbackSite a = new LoopbackSite(new UdpSimpleLayer(), 0);
             LoopbackSite b = new LoopbackSite(new UdpSimpleLayer(), 0)) {
            a.send(b.address(), new byte[70_000]);
            a.send(b.address(), new byte[10]);

            assertThat(b.take().getMessage().length()).isEqualTo(10);
            assertThat(((UdpSimpleSession) a.networkSession()).counters().refused(Reason.OVERSIZED)).isEqualTo(1);
        }
    }

    @Test
    void registeringAnAddressInUseSaysSo() throws Exception {
        try (DatagramSocket taken = new DatagramSocket(0, InetAddress.getLoopbackAddress());
             LoopbackSite a = new LoopbackSite(new UdpSimpleLayer(), taken.getLocalPort())) {
            assertThat(a.registration().succeeded()).isFalse();
            assertThat(a.registration().error()).contains("cannot open a UDP socket on 127.0.0.1:" + taken.getLocalPort());
        }
    }

    private static void sendRaw(DatagramSocket raw, InetWithPort to, byte[] bytes) throws Exception {
        raw.send(new DatagramPacket(bytes, bytes.length, to.toSocketAddress()));
    }
}
