package org.maftia.net.udp;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.NetworkInterface;
import java.util.concurrent.TimeUnit;
import org.maftia.appia.SendableEvent;
import org.maftia.net.AppiaMulticast;
import org.maftia.net.InetWithPort;
import org.maftia.net.LoopbackSite;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * IP multicast on the loopback interface. The kernel needs multicast enabled on {@code lo}; the
 * setup turns it on when it may (root); where it cannot, the test is reported as aborted with the
 * reason, never passed silently.
 */
class UdpMulticastTest {

    private static final AppiaMulticast GROUP = new AppiaMulticast(new InetWithPort(groupAddress(), 45_871));

    @BeforeAll
    static void enableMulticastOnLoopback() throws Exception {
        NetworkInterface lo = NetworkInterface.getByName("lo");
        Assumptions.assumeTrue(lo != null, "no loopback interface named 'lo': multicast on loopback cannot be tested here");
        if (!lo.supportsMulticast()) {
            try {
                new ProcessBuilder("ip", "link", "set", "lo", "multicast", "on").inheritIO().start().waitFor(10, TimeUnit.SECONDS);
                new ProcessBuilder("ip", "route", "add", "239.0.0.0/8", "dev", "lo").inheritIO().start().waitFor(10, TimeUnit.SECONDS);
            } catch (java.io.IOException e) {
                Assumptions.abort("multicast is off on 'lo' and 'ip' could not be run to enable it: " + e.getMessage());
            }
        }
        Assumptions.assumeTrue(NetworkInterface.getByName("lo").supportsMulticast(),
                "multicast is off on 'lo' and could not be enabled (needs root: ip link set lo multicast on)");
    }

    @Test
    void membersReceiveGroupMessagesAndTheSenderOnlyWhenItAskedForLocalDelivery() throws Exception {
        try (LoopbackSite a = new LoopbackSite(new UdpCompleteLayer(), 0);
             LoopbackSite b = new LoopbackSite(new UdpCompleteLayer(), 0);
             LoopbackSite c = new LoopbackSite(new UdpCompleteLayer(), 0)) {
            a.address();
            b.address();
            c.address();
            NetworkInterface lo = NetworkInterface.getByName("lo");
            a.sendDown(new AppiaMulticastInitEvent(GROUP, false, lo));
            b.sendDown(new AppiaMulticastInitEvent(GROUP, true, lo));
            c.sendDown(new AppiaMulticastInitEvent(GROUP, true, lo));
            for (LoopbackSite s : new LoopbackSite[] {a, b, c}) {
                AppiaMulticastInitEvent answer = s.joins.poll(10, TimeUnit.SECONDS);
                assertThat(answer).isNotNull();
                assertThat(answer.joined()).as(answer.error()).isTrue();
            }

            a.send(GROUP, new byte[] {1});
            b.send(GROUP, new byte[] {2});

            assertThat(payloads(b, 2)).containsExactlyInAnyOrder(1, 2);
            assertThat(payloads(c, 2)).containsExactlyInAnyOrder(1, 2);
            assertThat(payloads(a, 1)).containsExactly(2);
            assertThat(a.received.poll(300, TimeUnit.MILLISECONDS)).as("a's own multicast came back").isNull();

            c.sendDown(new AppiaMulticastLeaveEvent(GROUP));
            c.sync();
            a.send(GROUP, new byte[] {3});
            assertThat(payloads(b, 1)).containsExactly(3);
            assertThat(c.received.poll(300, TimeUnit.MILLISECONDS)).as("c left the group").isNull();
        }
    }

    private static java.util.List<Integer> payloads(LoopbackSite site, int count) throws InterruptedException {
        java.util.List<Integer> out = new java.util.ArrayList<>();
        for (int i = 0; i < count; i++) {
            SendableEvent e = site.take();
            assertThat(e.dest).isEqualTo(GROUP);
            out.add((int) e.getMessage().toByteArray()[0]);
        }
        return out;
    }

    private static InetAddress groupAddress() {
        try {
            return InetAddress.getByName("239.255.77.17");
        } catch (java.net.UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }
}
