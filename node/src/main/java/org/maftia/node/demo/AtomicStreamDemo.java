package org.maftia.node.demo;

import java.io.PrintWriter;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.maftia.group.AtomicStream;
import org.maftia.group.StreamOptions;
import org.maftia.group.core.SiteRuntime;
import org.maftia.group.StreamClosedException;
import org.maftia.group.abc.Abc;
import org.maftia.group.stream.StreamEntry;
import org.maftia.net.link.LinkMode;

/**
 * The main job so far: four sites in this process over TCP on loopback through authenticated
 * links, keys from the dealer, exchanging an atomic broadcast stream (Protocol 7). Site 3 is
 * Byzantine: it tries to close the stream alone, forges closes and payloads in the honest sites'
 * names. Each honest site sends its payloads from an application thread and reads the stream on
 * another; once it has read every honest payload it closes. The demo prints what each honest site
 * delivered, shows the orders are identical, what site 3's attempts came to, and the figures.
 */
public final class AtomicStreamDemo implements Demo {

    static final int N = 4;
    static final int BYZANTINE = 3;
    static final String STREAM = "demo-abc";

    private final int perSite;
    private final int size;
    private final int batch;
    private final LinkMode mode;
    private final PrintWriter out;

    public AtomicStreamDemo(int perSite, int size, int batch, LinkMode mode, PrintWriter out) {
        if (perSite < 1) {
            throw new IllegalArgumentException("--payloads must be at least 1, not " + perSite);
        }
        if (size < 16 || size > 1 << 20) {
            throw new IllegalArgumentException("--size must be 16 bytes to 1 MiB, not " + size);
        }
        if (batch < 1) {
            throw new IllegalArgumentException("--batch must be at least 1, not " + batch);
        }
        this.perSite = perSite;
        this.size = size;
        this.batch = batch;
        this.mode = mode;
        this.out = out;
    }

    /** One honest site's view: what it delivered and when its own payloads came back. */
    private record SiteRun(List<byte[]> delivered, List<Long> ownLatenciesNanos, long lastDeliveryNanos) {
    }

    /** Runs the demo; true when every honest site delivered the same sequence, with every honest payload. */
    @Override
    public boolean run(Duration timeout) throws Exception {
        try (DemoGroup group = new DemoGroup(N, 1, mode, out)) {
            out.printf(Locale.ROOT, "Site %d is Byzantine. Atomic broadcast stream '%s': %d payloads of %d bytes per honest"
                    + " site, batches of up to %d.%n%n", BYZANTINE, STREAM, perSite, size, batch);
            StreamOptions options = StreamOptions.DEFAULT.withMaxBatch(batch);
            ByzantineSite byzantine = new ByzantineSite(group, Abc.Settings.DEFAULT.withMaxBatch(batch));
            List<AtomicStream> streams = new ArrayList<>();
            for (int i = 0; i < N; i++) {
                streams.add(i == BYZANTINE ? null
                        : new AtomicStream(group.sites.get(i), STREAM, "demo", options));
            }
            byzantine.attack();
            ExecutorService threads = Executors.newCachedThreadPool();
            long start = System.nanoTime();
            try {
                List<CompletableFuture<SiteRun>> runs = new ArrayList<>();
                for (int i = 0; i < N; i++) {
                    if (i != BYZANTINE) {
                        runs.add(runSite(i, streams.get(i), threads, start));
                    }
                }
                CompletableFuture.allOf(runs.toArray(CompletableFuture[]::new)).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
                List<SiteRun> results = runs.stream().map(CompletableFuture::join).toList();
                return report(group, streams, byzantine, results, start);
            } finally {
                threads.shutdownNow();
            }
        }
    }

    /** The application of one honest site: a sender thread, and a reader that closes once all honest payloads arrived. */
    private CompletableFuture<SiteRun> runSite(int site, AtomicStream stream, ExecutorService threads, long start) {
        threads.submit(() -> {
            for (int k = 0; k < perSite; k++) {
                stream.send(payload(site, k));
            }
            return null;
        });
        return CompletableFuture.supplyAsync(() -> {
            List<byte[]> delivered = new ArrayList<>();
            List<Long> latencies = new ArrayList<>();
            int honest = 0;
            long last = start;
            try {
                while (true) {
                    byte[] m = stream.receive();
                    long now = System.nanoTime();
                    delivered.add(m);
                    last = now;
                    int origin = originOf(m);
                    if (origin >= 0) {
                        honest++;
                        if (origin == site) {
                            latencies.add(now - ByteBuffer.wrap(m, 8, 8).getLong());
                        }
                        if (honest == (N - 1) * perSite) {
                            stream.close();
                        }
                    }
                }
            } catch (StreamClosedException closed) {
                return new SiteRun(delivered, latencies, last);
            }
        }, threads);
    }

    /** An honest payload: magic, site, sequence, send time, padding to the size. */
    private byte[] payload(int site, int k) {
        ByteBuffer b = ByteBuffer.allocate(size);
        b.putShort((short) 0x4d41).putShort((short) site).putInt(k).putLong(System.nanoTime());
        return b.array();
    }

    /** The honest site a payload claims, or -1 for anything else (site 3's forgeries). */
    private static int originOf(byte[] m) {
        if (m.length < 16 || ByteBuffer.wrap(m).getShort() != 0x4d41) {
            return -1;
        }
        int site = ByteBuffer.wrap(m).getShort(2);
        return site >= 0 && site < N && site != BYZANTINE ? site : -1;
    }

    private boolean report(DemoGroup group, List<AtomicStream> streams, ByzantineSite byzantine, List<SiteRun> results,
                           long start) throws Exception {
        out.println("What each honest site delivered (payloads in order; a digest of the whole sequence):");
        List<String> digests = new ArrayList<>();
        int r = 0;
        for (int i = 0; i < N; i++) {
            if (i == BYZANTINE) {
                continue;
            }
            SiteRun run = results.get(r++);
            String d = digest(run.delivered());
            digests.add(d);
            long forged = run.delivered().stream().filter(m -> originOf(m) < 0).count();
            out.printf(Locale.ROOT, "  site %d: %5d payloads (%d honest, %d from site %d), sequence digest %s, first: %s%n",
                    i, run.delivered().size(), run.delivered().size() - forged, forged, BYZANTINE, d,
                    describe(run.delivered().subList(0, Math.min(4, run.delivered().size()))));
        }
        boolean identical = digests.stream().distinct().count() == 1;
        boolean complete = results.stream().allMatch(s -> s.delivered().stream().filter(m -> originOf(m) >= 0).count()
                == (long) (N - 1) * perSite);
        out.println(identical ? "The three orders are identical." : "THE ORDERS DIFFER: see above.");
        long refusedCloses = 0;
        long refusedFrames = 0;
        for (int i = 0; i < N; i++) {
            if (i != BYZANTINE) {
                AtomicStream s = streams.get(i);
                refusedCloses += s.refusedCloses();
                refusedFrames += group.refusedFrames(i);
            }
        }
        out.printf(Locale.ROOT, "%nSite %d closed the stream right away (1 close of the t+1 = 2 needed: the stream stayed open),"
                + " forged %d closes in the honest sites' names (refused %d times at the honest sites: the proof is not"
                + " theirs), and ordered %d payloads in their names (atomic broadcast names no senders: they were"
                + " delivered like any other, in the same place everywhere).%n", BYZANTINE, byzantine.forgedCloses,
                refusedCloses, byzantine.forgedPayloads);
        out.printf(Locale.ROOT, "Authenticated links of the honest sites refused %d frames.%n", refusedFrames);
        List<Long> latencies = new ArrayList<>();
        results.forEach(s -> latencies.addAll(s.ownLatenciesNanos()));
        latencies.sort(null);
        long end = results.stream().mapToLong(SiteRun::lastDeliveryNanos).max().orElse(start);
        double seconds = (end - start) / 1e9;
        out.printf(Locale.ROOT, "%d honest payloads ordered in %.2f s: %,.0f payloads/s; latency from send to delivery at the"
                + " sender p50 %.1f ms, p99 %.1f ms.%n", (N - 1) * perSite, seconds, (N - 1) * perSite / seconds,
                percentile(latencies, 0.50) / 1e6, percentile(latencies, 0.99) / 1e6);
        out.println(complete ? "Every honest payload was delivered at every honest site; all honest sites closed the stream."
                : "SOME HONEST PAYLOADS ARE MISSING.");
        out.flush();
        return identical && complete;
    }

    private static String describe(List<byte[]> first) {
        List<String> parts = new ArrayList<>();
        for (byte[] m : first) {
            int origin = originOf(m);
            parts.add(origin >= 0 ? "site " + origin + " #" + ByteBuffer.wrap(m, 4, 4).getInt()
                    : "'" + new String(m, StandardCharsets.UTF_8) + "'");
        }
        return String.join(", ", parts);
    }

    private static double percentile(List<Long> sorted, double q) {
        if (sorted.isEmpty()) {
            return 0;
        }
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(q * sorted.size()) - 1));
    }

    private static String digest(List<byte[]> payloads) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (byte[] p : payloads) {
                sha.update(ByteBuffer.allocate(4).putInt(p.length).array());
                sha.update(p);
            }
            return HexFormat.of().formatHex(sha.digest(), 0, 6);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Site 3: runs Protocol 7 (so it takes part in the rounds) but closes at once and feeds the
     * stream forged closes (its own signature share as the "proof") and payloads in the honest
     * sites' names.
     */
    private static final class ByzantineSite {
        private final DemoGroup group;
        private final Abc abc;
        int forgedCloses;
        int forgedPayloads;

        ByzantineSite(DemoGroup group, Abc.Settings settings) {
            this.group = group;
            this.abc = new Abc(STREAM, SiteRuntime.of(group.sites.get(BYZANTINE)).keys(), settings, new Abc.Output() {
                @Override
                public boolean deliver(StreamEntry.Data entry, List<StreamEntry.Data> mine) {
                    return true;
                }

                @Override
                public void dropped(StreamEntry.Data mine) {
                }

                @Override
                public void terminated() {
                }
            });
            SiteRuntime.of(group.sites.get(BYZANTINE)).start(abc);
        }

        void attack() throws Exception {
            group.sites.get(BYZANTINE).onProtocolThread(() -> {
                abc.broadcast(abc.closeEntry(BYZANTINE, "demo"));
                byte[] ownProof = abc.closeEntry(BYZANTINE, "demo").proof();
                for (int victim = 0; victim < N; victim++) {
                    if (victim == BYZANTINE) {
                        continue;
                    }
                    abc.broadcast(new StreamEntry.Close(victim, ownProof));
                    forgedCloses++;
                    for (int k = 0; k < 3; k++) {
                        abc.broadcast(new StreamEntry.Data(victim, k,
                                ("forged by site 3 as site " + victim + " #" + k).getBytes(StandardCharsets.UTF_8)));
                        forgedPayloads++;
                    }
                }
            }).get(5, TimeUnit.SECONDS);
        }
    }
}
