package org.maftia.group.loopback;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.maftia.appia.Appia;
import org.maftia.group.Site;
import org.maftia.group.SiteKeys;
import org.maftia.group.SiteOptions;
import org.maftia.net.InetWithPort;
import org.maftia.net.group.GroupConfig;
import org.maftia.net.group.SiteConfig;
import org.maftia.net.link.LinkKeyPair;
import org.maftia.net.link.LinkMode;

/**
 * Every site of a group in this JVM, each with its own protocol thread, on real TCP loopback
 * through authenticated links, with keys dealt in this process: for demos, integration tests and
 * benchmarks (not part of the application API). Closing closes every site.
 */
public final class LoopbackGroup implements AutoCloseable {

    private final List<Site> sites = new ArrayList<>();
    private final List<SiteKeys> keys;

    private LoopbackGroup(GroupConfig config, List<LinkKeyPair> linkKeys, List<SiteKeys> keys, SiteOptions options)
            throws Exception {
        this.keys = List.copyOf(keys);
        try {
            for (int i = 0; i < config.n(); i++) {
                sites.add(Site.overTcp(config, i, linkKeys.get(i), keys.get(i), options));
            }
            for (Site s : sites) {
                s.listening().get(10, TimeUnit.SECONDS);
            }
        } catch (Exception e) {
            close();
            throw e;
        }
    }

    /** The sites of {@code config}, listening, with their link key pairs and threshold keys. */
    public static LoopbackGroup of(GroupConfig config, List<LinkKeyPair> linkKeys, List<SiteKeys> keys, SiteOptions options)
            throws Exception {
        return new LoopbackGroup(config, linkKeys, keys, options);
    }

    /** A fresh group {@code groupId} of n sites on free loopback ports with new link and threshold keys. */
    public static LoopbackGroup create(String groupId, int n, int t, LinkMode mode) throws Exception {
        SecureRandom random = new SecureRandom();
        List<LinkKeyPair> links = new ArrayList<>();
        List<SiteConfig> configs = new ArrayList<>();
        int[] ports = freePorts(n);
        for (int i = 0; i < n; i++) {
            LinkKeyPair k = LinkKeyPair.generate(random);
            links.add(k);
            configs.add(new SiteConfig(i, new InetWithPort(InetAddress.getLoopbackAddress(), ports[i]), k.publicKey(), Map.of()));
        }
        return new LoopbackGroup(new GroupConfig(groupId, n, t, configs), links, SiteKeys.dealInProcess(n, t, random),
                SiteOptions.DEFAULT.withLinkMode(mode));
    }

    public List<Site> sites() {
        return sites;
    }

    public Site site(int i) {
        return sites.get(i);
    }

    /** Site {@code i}'s threshold keys. */
    public SiteKeys keys(int i) {
        return keys.get(i);
    }

    /** Stops site {@code site}'s Appia at once: it sends and answers nothing more, as if killed. */
    public void kill(int site) {
        sites.get(site).appia().stop();
    }

    /** Throws if a site's Appia loop saw a handler fail or dropped an event. */
    public void checkHealthy() {
        for (Site s : sites) {
            Appia a = s.appia();
            if (a.failedHandles() != 0 || a.droppedEvents() != 0) {
                throw new IllegalStateException("site " + s.id() + ": " + a.failedHandles() + " failed handlers, "
                        + a.droppedEvents() + " dropped events");
            }
        }
    }

    @Override
    public void close() {
        for (Site s : sites) {
            s.close();
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

    /** A port p such that p..p+n-1 were free a moment ago. */
    public static int freeBasePort(int n) throws IOException {
        for (int attempt = 0; attempt < 50; attempt++) {
            int base;
            try (ServerSocket probe = new ServerSocket(0)) {
                base = probe.getLocalPort();
            }
            if (base + n - 1 > 65_535) {
                continue;
            }
            boolean free = true;
            for (int p = base; p < base + n && free; p++) {
                try (ServerSocket s = new ServerSocket(p, 1, InetAddress.getLoopbackAddress())) {
                    free = s.isBound();
                } catch (IOException e) {
                    free = false;
                }
            }
            if (free) {
                return base;
            }
        }
        throw new IOException("found no " + n + " consecutive free ports on loopback");
    }
}
