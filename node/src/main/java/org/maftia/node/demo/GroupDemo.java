package org.maftia.node.demo;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.maftia.group.Site;
import org.maftia.group.core.SiteRuntime;
import org.maftia.group.ReliableBroadcast;
import org.maftia.net.link.LinkMode;

/**
 * The main job so far: a group of four sites in this process, each with its own Appia thread,
 * talking over TCP on loopback through authenticated links, with keys from the dealer. Site 3 is
 * Byzantine. Each honest site reliably broadcasts (Protocol 5) a series of payloads; the Byzantine
 * site equivocates in each of its broadcasts. The demo shows that the honest sites deliver
 * exactly the same payloads from every sender, and what the Byzantine site's attempts came to.
 */
public final class GroupDemo implements Demo {

    static final int N = 4;
    static final int BYZANTINE = 3;

    private final int broadcastsPerSite;
    private final LinkMode mode;
    private final PrintWriter out;

    public GroupDemo(int broadcastsPerSite, LinkMode mode, PrintWriter out) {
        if (broadcastsPerSite < 1) {
            throw new IllegalArgumentException("--broadcasts must be at least 1, not " + broadcastsPerSite);
        }
        this.broadcastsPerSite = broadcastsPerSite;
        this.mode = mode;
        this.out = out;
    }

    /** Runs the demo; true when every honest site delivered the same payloads from every sender. */
    @Override
    public boolean run(Duration timeout) throws Exception {
        try (DemoGroup group = new DemoGroup(N, 1, mode, out)) {
            out.printf(Locale.ROOT, "Site %d is Byzantine.%n%n", BYZANTINE);
            return exchange(group, timeout);
        }
    }

    private boolean exchange(DemoGroup group, Duration timeout) throws Exception {
        List<Site> sites = group.sites;
        AtomicLong byzantineMessages = new AtomicLong();
        // broadcasts.get(receiver).get(sender).get(k)
        List<List<List<ReliableBroadcast>>> broadcasts = new ArrayList<>();
        long start = System.nanoTime();
        for (int receiver = 0; receiver < N; receiver++) {
            List<List<ReliableBroadcast>> bySender = new ArrayList<>();
            for (int sender = 0; sender < N; sender++) {
                List<ReliableBroadcast> series = new ArrayList<>();
                for (int k = 0; k < broadcastsPerSite; k++) {
                    String id = "rb/" + sender + "/" + k;
                    if (receiver == BYZANTINE) {
                        if (sender == BYZANTINE) {
                            SiteRuntime.of(sites.get(BYZANTINE)).start(new EquivocatingSender(id, byzantineMessages));
                        }
                        continue;
                    }
                    series.add(new ReliableBroadcast(sites.get(receiver), id, "demo", sender));
                }
                bySender.add(series);
            }
            broadcasts.add(bySender);
        }
        for (int sender = 0; sender < N; sender++) {
            if (sender == BYZANTINE) {
                continue;
            }
            for (int k = 0; k < broadcastsPerSite; k++) {
                broadcasts.get(sender).get(sender).get(k).send(
                        ("transfer #" + k + " ordered by site " + sender).getBytes(StandardCharsets.UTF_8));
            }
        }
        List<CompletableFuture<byte[]>> honestDeliveries = new ArrayList<>();
        for (int receiver = 0; receiver < N; receiver++) {
            for (int sender = 0; sender < N; sender++) {
                if (receiver != BYZANTINE && sender != BYZANTINE) {
                    broadcasts.get(receiver).get(sender).forEach(b -> honestDeliveries.add(b.delivery()));
                }
            }
        }
        try {
            CompletableFuture.allOf(honestDeliveries.toArray(CompletableFuture[]::new))
                    .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new DemoTimeoutException(timeout, "the honest sites to deliver every honest broadcast (delivered "
                    + honestDeliveries.stream().filter(CompletableFuture::isDone).count() + " of " + honestDeliveries.size() + ")");
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        awaitTotality(broadcasts);
        return report(group, broadcasts, byzantineMessages.get(), seconds);
    }

    /**
     * Totality (Protocol 5): once one honest site delivered one of the Byzantine site's
     * broadcasts, every honest site does, fetching the payload it was not sent if need be.
     */
    private void awaitTotality(List<List<List<ReliableBroadcast>>> broadcasts) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        for (int k = 0; k < broadcastsPerSite; k++) {
            List<CompletableFuture<byte[]>> all = new ArrayList<>();
            boolean any = false;
            for (int receiver = 0; receiver < N; receiver++) {
                if (receiver != BYZANTINE) {
                    var d = broadcasts.get(receiver).get(BYZANTINE).get(k).delivery();
                    all.add(d);
                    any |= d.isDone();
                }
            }
            if (any) {
                long left = Math.max(1, deadline - System.nanoTime());
                try {
                    CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).get(left, TimeUnit.NANOSECONDS);
                } catch (java.util.concurrent.TimeoutException e) {
                    return;
                }
            }
        }
    }

    private boolean report(DemoGroup group, List<List<List<ReliableBroadcast>>> broadcasts,
                           long byzantineMessages, double seconds) throws Exception {
        boolean agree = true;
        out.println("What each honest site delivered, per sender (count and a digest of the payloads in order):");
        for (int receiver = 0; receiver < N; receiver++) {
            if (receiver == BYZANTINE) {
                continue;
            }
            StringBuilder line = new StringBuilder("  site " + receiver + ":");
            for (int sender = 0; sender < N; sender++) {
                List<byte[]> got = delivered(broadcasts.get(receiver).get(sender));
                line.append(String.format(Locale.ROOT, "  from %d: %3d %s", sender, got.size(), digest(got)));
            }
            out.println(line);
        }
        for (int sender = 0; sender < N; sender++) {
            if (sender == BYZANTINE) {
                continue;
            }
            String reference = null;
            for (int receiver = 0; receiver < N; receiver++) {
                if (receiver != BYZANTINE) {
                    List<byte[]> got = delivered(broadcasts.get(receiver).get(sender));
                    String d = got.size() + ":" + digest(got);
                    agree &= reference == null || reference.equals(d);
                    reference = d;
                }
            }
        }
        int split = 0;
        int deliveredEverywhere = 0;
        for (int k = 0; k < broadcastsPerSite; k++) {
            List<String> versions = new ArrayList<>();
            for (int receiver = 0; receiver < N; receiver++) {
                if (receiver != BYZANTINE) {
                    var d = broadcasts.get(receiver).get(BYZANTINE).get(k).delivery();
                    versions.add(d.isDone() ? new String(d.get(), StandardCharsets.UTF_8) : "-");
                }
            }
            if (versions.stream().filter(v -> !v.equals("-")).distinct().count() > 1) {
                split++;
            }
            if (!versions.contains("-")) {
                deliveredEverywhere++;
            } else if (versions.stream().anyMatch(v -> !v.equals("-"))) {
                split++;
            }
        }
        int honestBroadcasts = (N - 1) * broadcastsPerSite;
        out.println();
        out.printf(Locale.ROOT, "Byzantine site %d equivocated in all %d of its broadcasts (%,d messages: two versions,"
                + " echoes and readies for both): every honest site delivered %d of them (when one honest"
                + " site delivers, all do), the same version everywhere; split deliveries: %d.%n",
                BYZANTINE, broadcastsPerSite, byzantineMessages, deliveredEverywhere, split);
        long refused = 0;
        for (int i = 0; i < N; i++) {
            if (i != BYZANTINE) {
                refused += group.refusedFrames(i);
            }
        }
        out.printf(Locale.ROOT, "Authenticated links of the honest sites refused %d frames (%s).%n", refused,
                refused == 0 ? "nobody forged or replayed any" : "forged, replayed or tampered");
        out.printf(Locale.ROOT, "%d honest reliable broadcasts delivered at 3 honest sites in %.2f s (%,.0f deliveries/s).%n",
                honestBroadcasts, seconds, 3 * honestBroadcasts / seconds);
        agree &= split == 0;
        out.println(agree ? "Honest sites agree on every broadcast." : "DISAGREEMENT among honest sites: see above.");
        out.flush();
        return agree;
    }

    private static List<byte[]> delivered(List<ReliableBroadcast> series) {
        List<byte[]> got = new ArrayList<>();
        for (ReliableBroadcast b : series) {
            var d = b.delivery();
            if (d.isDone() && !d.isCompletedExceptionally()) {
                got.add(d.join());
            }
        }
        return got;
    }

    private static String digest(List<byte[]> payloads) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (byte[] p : payloads) {
                sha.update(p);
                sha.update((byte) 0);
            }
            return HexFormat.of().formatHex(sha.digest(), 0, 4);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

}
