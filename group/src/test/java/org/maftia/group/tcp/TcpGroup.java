package org.maftia.group.tcp;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.maftia.appia.Appia;
import org.maftia.group.GroupSite;
import org.maftia.net.InetWithPort;
import org.maftia.net.group.GroupConfig;
import org.maftia.net.group.SiteConfig;
import org.maftia.net.link.LinkKeyPair;
import org.maftia.net.link.LinkMode;

/** n sites in this JVM, each with its own Appia thread, on real TCP loopback with authenticated links. */
final class TcpGroup implements AutoCloseable {

    final List<GroupSite> sites = new ArrayList<>();
    private final List<Appia> appias = new ArrayList<>();
    private final List<Thread> loops = new ArrayList<>();

    TcpGroup(String groupId, int n, int t, LinkMode mode) throws Exception {
        SecureRandom random = new SecureRandom();
        List<LinkKeyPair> keys = new ArrayList<>();
        List<SiteConfig> configs = new ArrayList<>();
        int[] ports = freePorts(n);
        for (int i = 0; i < n; i++) {
            LinkKeyPair k = LinkKeyPair.generate(random);
            keys.add(k);
            configs.add(new SiteConfig(i, new InetWithPort(InetAddress.getLoopbackAddress(), ports[i]), k.publicKey(), Map.of()));
        }
        GroupConfig group = new GroupConfig(groupId, n, t, configs);
        try {
            for (int i = 0; i < n; i++) {
                Appia appia = new Appia();
                appias.add(appia);
                sites.add(GroupSite.overTcp(appia, group, i, keys.get(i), mode));
                loops.add(appia.startThread("site-" + i));
            }
            for (GroupSite s : sites) {
                s.listening().get(10, TimeUnit.SECONDS);
            }
        } catch (Exception e) {
            close();
            throw e;
        }
    }

    /** Stops site {@code site}'s Appia at once: it sends and answers nothing more, as if killed. */
    void kill(int site) {
        appias.get(site).stop();
    }

    @Override
    public void close() throws InterruptedException {
        for (Appia a : appias) {
            a.stop();
        }
        for (Thread t : loops) {
            t.join();
        }
    }

    private static int[] freePorts(int n) throws Exception {
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
