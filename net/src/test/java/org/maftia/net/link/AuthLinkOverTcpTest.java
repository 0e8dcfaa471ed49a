package org.maftia.net.link;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.DataOutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.maftia.appia.ChannelCursor;
import org.maftia.appia.SendableEvent;
import org.maftia.appia.message.Message;
import org.maftia.net.LoopbackSite;
import org.maftia.net.TestGroups;
import org.maftia.net.tcp.TcpCompleteLayer;
import org.maftia.net.transport.SiteAddress;
import org.maftia.net.transport.SiteId;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class AuthLinkOverTcpTest {

    @ParameterizedTest
    @EnumSource(LinkMode.class)
    void fourSitesBroadcastOverTcpAndForgedFramesAreRefused(LinkMode mode) throws Exception {
        int[] ports = freePorts(4);
        TestGroups g = TestGroups.of("tcp-link", 4, ports);
        List<LoopbackSite> sites = new ArrayList<>();
        try {
            for (int i = 0; i < 4; i++) {
                sites.add(new LoopbackSite(new TcpCompleteLayer(), ports[i],
                        new AuthLinkLayer(new LinkSettings(g.group, i, g.keys.get(i), mode))));
            }
            for (LoopbackSite s : sites) {
                s.send(SiteAddress.ALL, new byte[] {42});
            }
            for (int i = 0; i < 4; i++) {
                Set<SiteId> from = new HashSet<>();
                for (int k = 0; k < 4; k++) {
                    SendableEvent e = sites.get(i).take();
                    assertThat(e.dest).isEqualTo(SiteId.of(i));
                    assertThat(e.getMessage().toByteArray()).containsExactly(42);
                    from.add((SiteId) e.source);
                }
                assertThat(from).containsExactlyInAnyOrder(SiteId.of(0), SiteId.of(1), SiteId.of(2), SiteId.of(3));
            }

            // An outsider speaks the TCP framing and the frame format but cannot forge the link.
            Message forged = new Message();
            forged.pushBytes(new byte[60]);
            forged.pushByte(0);
            forged.pushByte(0);
            forged.pushString(LoopbackSite.Ping.class.getName());
            forged.pushByte(1);
            byte[] frame = forged.toByteArray();
            try (Socket raw = new Socket(g.group.address(0).host(), ports[0]);
                 DataOutputStream out = new DataOutputStream(raw.getOutputStream())) {
                out.writeInt(frame.length);
                out.write(frame);
                out.flush();
                AuthLinkSession link = linkOf(sites.get(0));
                long deadline = System.nanoTime() + 10_000_000_000L;
                while (link.droppedTotal() == 0 && System.nanoTime() < deadline) {
                    Thread.onSpinWait();
                }
                assertThat(link.droppedTotal()).isEqualTo(1);
            }
            assertThat(sites.get(0).received).isEmpty();
        } finally {
            for (LoopbackSite s : sites) {
                s.close();
            }
        }
    }

    private static AuthLinkSession linkOf(LoopbackSite site) {
        ChannelCursor c = site.channel.getCursor();
        c.jumpTo(1);
        return (AuthLinkSession) c.getSession();
    }

    static int[] freePorts(int n) throws Exception {
        int[] ports = new int[n];
        List<ServerSocket> held = new ArrayList<>();
        try {
            for (int i = 0; i < n; i++) {
                ServerSocket s = new ServerSocket(0);
                held.add(s);
                ports[i] = s.getLocalPort();
            }
        } finally {
            for (ServerSocket s : held) {
                s.close();
            }
        }
        return ports;
    }
}
