package org.maftia.group;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.maftia.appia.Appia;
import org.maftia.net.InetWithPort;
import org.maftia.net.group.GroupConfig;
import org.maftia.net.group.SiteConfig;
import org.maftia.net.link.LinkKeyPair;
import org.maftia.net.link.LinkMode;

/**
 * Every site of a group in this JVM, each with its own Appia thread, on real TCP loopback through
 * authenticated links: for demos, integration tests and benchmarks. Closing stops every site.
 */
public final class LoopbackGroup implements AutoCloseable {

    private final List<GroupSite> sites = new ArrayList<>();
    private final List<Appia> appias = new ArrayList<>();
    private final List<Thread> loops = new ArrayList<>();

    private LoopbackGroup(GroupConfig config, List<LinkKeyPair> linkKeys, LinkMode mode) throws Exception {
        try {
            for (int i = 0; i < config.n(); i++) {
                Appia appia = new Appia();
                appias.add(appia);
                sites.add(GroupSite.overTcp(appia, config, i, linkKeys.get(i), mode));
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

    /** The sites of {@code config}, listening, with their link key pairs. */
    public static LoopbackGroup of(GroupConfig config, List<LinkKeyPair> linkKeys, LinkMode mode) throws Exception {
        return new LoopbackGroup(config, linkKeys, mode);
    }

    /** A fresh group {@code groupId} of n sites on free loopback ports with new link keys. */
    public static LoopbackGroup create(String groupId, int n, int t, LinkMode mode) throws Exception {
        SecureRandom random = new SecureRandom();
        List<LinkKeyPair> keys = new ArrayList<>();
        List<SiteConfig> configs = new ArrayList<>();
        int[] ports = freePorts(n);
        for (int i = 0; i < n; i++) {
            LinkKeyPair k = LinkKeyPair.generate(random);
            keys.add(k);
            configs.add(new SiteConfig(i, new InetWithPort(InetAddress.getLoopbackAddress(), ports[i]), k.publicKey(), Map.of()));
        }
        return new LoopbackGroup(new GroupConfig(groupId, n, t, configs), keys, mode);
    }

    public List<GroupSite> sites() {
        return sites;
    }

    public GroupSite site(int i) {
        return sites.get(i);
    }

    /** Stops site {@code site}'s Appia at once: it sends and answers nothing more, as if killed. */
    public void kill(int site) {
        appias.get(site).stop();
    }

    /** Throws if a site's Appia loop saw a handler fail or dropped an event. */
    public void checkHealthy() {
        for (int i = 0; i < appias.size(); i++) {
            Appia a = appias.get(i);
            if (a.failedHandles() != 0 || a.droppedEvents() != 0) {
                throw new IllegalStateException("site " + i + ": " + a.failedHandles() + " failed handlers, "
                        + a.droppedEvents() + " dropped events");
            }
        }
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

    /** n ports that were free a moment ago (held together, so distinct). */
    public static int[] freePorts(int n) throws IOException {
        int[] ports = new int[n];
        List<ServerSocket> held = new ArrayList<>();
        try {
            for (int i = 0; i < n; i++) {
                ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
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
