package org.maftia.bench.group;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.maftia.appia.Appia;
import org.maftia.crypto.ThresholdParameters;
import org.maftia.crypto.dl.DiffieHellmanCoin;
import org.maftia.crypto.dl.Tdh2;
import org.maftia.crypto.quorum.QuorumDealer;
import org.maftia.group.GroupSite;
import org.maftia.group.core.GroupKeys;
import org.maftia.net.InetWithPort;
import org.maftia.net.group.GroupConfig;
import org.maftia.net.group.SiteConfig;
import org.maftia.net.link.LinkKeyPair;
import org.maftia.net.link.LinkMode;

/**
 * n honest sites of one group in this JVM, each with its own Appia thread, on TCP loopback with
 * authenticated links ({@link LinkMode#AEAD}), with their dealt group keys (the default suite:
 * Ed25519 quorums, DH coin, TDH2).
 */
final class BenchGroup implements AutoCloseable {

    static final String GROUP = "bench";

    final int n;
    final int t;
    final List<GroupSite> sites = new ArrayList<>();
    final List<GroupKeys> keys;
    private final List<Appia> appias = new ArrayList<>();
    private final List<Thread> loops = new ArrayList<>();

    BenchGroup(int n) throws Exception {
        this.n = n;
        this.t = (n - 1) / 3;
        SecureRandom random = new SecureRandom();
        this.keys = deal(n, t, random);
        List<LinkKeyPair> linkKeys = new ArrayList<>();
        List<SiteConfig> configs = new ArrayList<>();
        int[] ports = freePorts(n);
        for (int i = 0; i < n; i++) {
            LinkKeyPair k = LinkKeyPair.generate(random);
            linkKeys.add(k);
            configs.add(new SiteConfig(i, new InetWithPort(InetAddress.getLoopbackAddress(), ports[i]), k.publicKey(), Map.of()));
        }
        GroupConfig group = new GroupConfig(GROUP, n, t, configs);
        try {
            for (int i = 0; i < n; i++) {
                Appia appia = new Appia();
                appias.add(appia);
                sites.add(GroupSite.overTcp(appia, group, i, linkKeys.get(i), LinkMode.AEAD));
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

    /** Every site's keys, dealt as a trusted dealer would (spec 2.3; Protocols 3-7 need these schemes). */
    private static List<GroupKeys> deal(int n, int t, SecureRandom random) {
        var main = QuorumDealer.generate(ThresholdParameters.quorum(n, t), random);
        var pre = QuorumDealer.generate(ThresholdParameters.onePlusFaults(n, t), random);
        var vcbc = QuorumDealer.generate(ThresholdParameters.honestMajority(n, t), random);
        var coin = DiffieHellmanCoin.deal(ThresholdParameters.quorum(n, t), random);
        var tdh2 = Tdh2.deal(ThresholdParameters.onePlusFaults(n, t), random);
        List<GroupKeys> dealt = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            dealt.add(new GroupKeys(main.signers().get(i), pre.signers().get(i), vcbc.signers().get(i),
                    coin.holders().get(i), tdh2.holders().get(i)));
        }
        return dealt;
    }

    /** Throws if a site's Appia loop saw a handler fail or dropped an event: a broken run gives no figure. */
    void checkHealthy() {
        for (int i = 0; i < n; i++) {
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
        for (Thread loop : loops) {
            loop.join();
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
