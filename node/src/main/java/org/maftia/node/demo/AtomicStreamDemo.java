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
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicIntegerArray;
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
    /**
     * Payload bytes each honest site has in flight at most (sent and not yet delivered, or
     * delivered and not yet read): the stream's window counts payloads, so it is set to this over
     * the payload size; with the delivered payloads not kept either, memory does not grow with
     * {@code --payloads}.
     */
    static final int IN_FLIGHT_BYTES = 4 << 20;
    /**
     * Heap the four sites' stacks hold per byte of a round's batch, measured: each round's
     * proposals, votes and decided vectors (n batches each) are kept for several rounds at every
     * site, and copied on every link. With batches of 1 MiB the demo needs 1 to 2 GiB of heap.
     */
    static final long HEAP_PER_BATCH_BYTE = 100L * N * N;

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
        long batchBytes = Math.min((long) batch * size, Math.max(StreamOptions.DEFAULT.maxBatchBytes(), size));
        long needed = HEAP_PER_BATCH_BYTE * batchBytes;
        long heap = Runtime.getRuntime().maxMemory();
        if (needed > heap) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, "--size %d with --batch %d: the %d sites in this process"
                    + " need about %d MiB of heap for rounds of batches this large, and it has %d MiB; run with"
                    + " MAFTIA_JAVA_OPTS=-Xmx%dm, or give a smaller --size or --batch", size, batch, N, needed >> 20, heap >> 20,
                    (needed >> 20) * 5 / 4));
        }
        this.perSite = perSite;
        this.size = size;
        this.batch = batch;
        this.mode = mode;
        this.out = out;
    }

    /**
     * One honest site's view: how many payloads it delivered (and how many of them were not an
     * honest site's), a digest of the whole sequence, the first few, and when its own payloads
     * came back. Payloads are not kept: at 1 MiB each they would be most of the demo's memory.
     */
    private record SiteRun(int delivered, int forged, String digest, List<String> first, List<Long> ownLatenciesNanos,
                           long lastDeliveryNanos) {
    }

    /** Runs the demo; true when every honest site delivered the same sequence, with every honest payload. */
    @Override
    public boolean run(Duration timeout) throws Exception {
        try (DemoGroup group = new DemoGroup(N, 1, mode, out)) {
            out.printf(Locale.ROOT, "Site %d is Byzantine. Atomic broadcast stream '%s': %d payloads of %d bytes per honest"
                    + " site, batches of up to %d.%n%n", BYZANTINE, STREAM, perSite, size, batch);
            StreamOptions options = options();
            ByzantineSite byzantine = new ByzantineSite(group, Abc.Settings.DEFAULT.withMaxBatch(batch));
            List<AtomicStream> streams = new ArrayList<>();
            for (int i = 0; i < N; i++) {
                streams.add(i == BYZANTINE ? null
                        : new AtomicStream(group.sites.get(i), STREAM, "demo", options));
            }
            byzantine.attack();
            ExecutorService threads = Executors.newCachedThreadPool();
            long start = System.nanoTime();
            AtomicIntegerArray honestRead = new AtomicIntegerArray(N);
            try {
                List<CompletableFuture<SiteRun>> runs = new ArrayList<>();
                for (int i = 0; i < N; i++) {
                    if (i != BYZANTINE) {
                        runs.add(runSite(i, streams.get(i), threads, start, honestRead));
                    }
                }
                try {
                    CompletableFuture.allOf(runs.toArray(CompletableFuture[]::new)).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
                } catch (TimeoutException e) {
                    throw new DemoTimeoutException(timeout, "every honest site to deliver all " + (N - 1) * perSite
                            + " honest payloads (delivered: site 0 " + honestRead.get(0) + ", site 1 " + honestRead.get(1)
                            + ", site 2 " + honestRead.get(2) + ")");
                }
                List<SiteRun> results = runs.stream().map(CompletableFuture::join).toList();
                return report(group, streams, byzantine, results, start);
            } finally {
                threads.shutdownNow();
            }
        }
    }

    /**
     * The stream's options for this payload size: a batch must hold one payload, and the window
     * keeps {@link #IN_FLIGHT_BYTES} in flight at most.
     */
    private StreamOptions options() {
        StreamOptions d = StreamOptions.DEFAULT;
        int window = Math.clamp(IN_FLIGHT_BYTES / size, 1, d.window());
        return d.withMaxBatch(batch).withMaxBatchBytes(Math.max(d.maxBatchBytes(), size + StreamEntry.Data.OVERHEAD_BYTES))
                .withWindow(window);
    }

    /**
     * The application of one honest site: a sender thread, and a reader that closes once all
     * honest payloads arrived; the site's run fails if either does.
     */
    private CompletableFuture<SiteRun> runSite(int site, AtomicStream stream, ExecutorService threads, long start,
                                               AtomicIntegerArray honestRead) {
        CompletableFuture<Void> sender = CompletableFuture.runAsync(() -> {
            for (int k = 0; k < perSite; k++) {
                stream.send(payload(site, k));
            }
        }, threads);
        CompletableFuture<SiteRun> reader = CompletableFuture.supplyAsync(() -> {
            MessageDigest sequence = sha256();
            List<String> first = new ArrayList<>();
            List<Long> latencies = new ArrayList<>();
            int delivered = 0;
            int forged = 0;
            long last = start;
            try {
                while (true) {
                    byte[] m = stream.receive();
                    long now = System.nanoTime();
                    delivered++;
                    last = now;
                    sequence.update(ByteBuffer.allocate(4).putInt(m.length).array());
                    sequence.update(m);
                    if (first.size() < 4) {
                        first.add(describe(m));
                    }
                    int origin = originOf(m);
                    if (origin < 0) {
                        forged++;
                        continue;
                    }
                    if (origin == site) {
                        latencies.add(now - ByteBuffer.wrap(m, 8, 8).getLong());
                    }
                    if (honestRead.incrementAndGet(site) == (N - 1) * perSite) {
                        stream.close();
                    }
                }
            } catch (StreamClosedException closed) {
                return new SiteRun(delivered, forged, HexFormat.of().formatHex(sequence.digest(), 0, 6), first, latencies, last);
            }
        }, threads);
        // A failed send (a payload the stream refuses) must end the run, not leave the reader waiting.
        sender.exceptionally(failure -> {
            reader.completeExceptionally(failure);
            return null;
        });
        return reader.thenCombine(sender, (run, sent) -> run);
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
            digests.add(run.digest());
            out.printf(Locale.ROOT, "  site %d: %5d payloads (%d honest, %d from site %d), sequence digest %s, first: %s%n",
                    i, run.delivered(), run.delivered() - run.forged(), run.forged(), BYZANTINE, run.digest(),
                    String.join(", ", run.first()));
        }
        boolean identical = digests.stream().distinct().count() == 1;
        boolean complete = results.stream().allMatch(s -> s.delivered() - s.forged() == (N - 1) * perSite);
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

    private static String describe(byte[] m) {
        int origin = originOf(m);
        return origin >= 0 ? "site " + origin + " #" + ByteBuffer.wrap(m, 4, 4).getInt()
                : "'" + new String(m, StandardCharsets.UTF_8) + "'";
    }

    private static double percentile(List<Long> sorted, double q) {
        if (sorted.isEmpty()) {
            return 0;
        }
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(q * sorted.size()) - 1));
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JDK", e);
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
