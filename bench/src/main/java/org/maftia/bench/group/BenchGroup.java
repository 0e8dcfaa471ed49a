package org.maftia.bench.group;

import java.util.List;
import org.maftia.group.Site;
import org.maftia.group.loopback.LoopbackGroup;
import org.maftia.net.link.LinkMode;

/**
 * n honest sites of one group in this JVM on TCP loopback with authenticated links
 * ({@link LinkMode#AEAD}), with their dealt group keys (the default suite: Ed25519 quorums, DH
 * coin, TDH2).
 */
final class BenchGroup implements AutoCloseable {

    static final String GROUP = "bench";

    final int n;
    final int t;
    final List<Site> sites;
    private final LoopbackGroup group;

    BenchGroup(int n) throws Exception {
        this.n = n;
        this.t = (n - 1) / 3;
        this.group = LoopbackGroup.create(GROUP, n, t, LinkMode.AEAD);
        this.sites = group.sites();
    }

    /** Throws if a site's Appia loop saw a handler fail or dropped an event: a broken run gives no figure. */
    void checkHealthy() {
        group.checkHealthy();
    }

    @Override
    public void close() {
        group.close();
    }
}
