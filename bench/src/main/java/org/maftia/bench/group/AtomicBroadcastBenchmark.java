package org.maftia.bench.group;

import java.io.PrintStream;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.AtomicReferenceArray;
import org.maftia.group.AtomicStream;
import org.maftia.group.StreamOptions;
import org.maftia.group.StreamClosedException;

/**
 * Throughput and latency of atomic broadcast (Protocol 7, {@link AtomicStream}) among n = 4 honest
 * sites on TCP loopback with AEAD links, in this JVM ({@link BenchGroup}). A plain main, not JMH:
 * one run yields both a rate and a latency distribution, and the stream is driven by many threads
 * (a sender and a reader per site), which JMH's one-operation-per-call model does not fit.
 *
 * <p>For every combination of payload {@code size}, batch size ({@link StreamOptions#withMaxBatch})
 * and {@code window} (the stream's flow-control window: each site keeps at most that many of its
 * own payloads sent and not yet delivered back, so it is the load, like the number of closed-loop
 * clients), a fresh stream on the same sites runs for {@code warmup + measure} seconds: every site
 * sends as fast as its window allows and reads everything. Then the senders stop, every reader
 * waits until it has all the payloads sent, and all sites close the stream (t+1 closes end it,
 * spec 3.2).
 *
 * <p>Throughput: payloads delivered at site 0 during the measured seconds, per second. Latency:
 * from {@code send} returning (the payload handed to the stream) to its delivery back at its sender,
 * for every payload sent during the measured seconds, at all sites; p50 and p99.
 *
 * <p>Self-check (a broken run fails: an error message and exit status 1): every site delivers the
 * same sequence (count and SHA-256 of the whole sequence), which holds every payload sent exactly
 * once; no Appia loop saw a failure; no thread of the JVM died of an uncaught throwable (an
 * {@link OutOfMemoryError} in a verification thread or an Appia loop included: either would lose
 * messages silently, and the figures with them).
 *
 * <p>Each row also gives the garbage collections during it (count and total time per collector,
 * from {@link GarbageCollectorMXBean}s): a heap too small for the load shows as collections, or
 * full ones, rather than as an error.
 *
 * <p>Arguments, all optional: {@code sizes=100,1024 batches=1,16,128 windows=1,256 warmup=3 measure=5}.
 */
public final class AtomicBroadcastBenchmark {

    private static final int N = 4;
    private static final long TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(60);
    /** The first uncaught throwable of any thread, and that thread, which fail the benchmark. */
    private static final AtomicReference<Throwable> UNCAUGHT = new AtomicReference<>();
    private static final AtomicReference<Thread> DIED = new AtomicReference<>();
    /** Freed when a thread dies, so that reporting it does not run out of memory as well. */
    private static volatile byte[] reserve = new byte[1 << 20];

    private final BenchGroup group;
    private final PrintStream out;
    private int runs;

    private AtomicBroadcastBenchmark(BenchGroup group, PrintStream out) {
        this.group = group;
        this.out = out;
    }

    public static void main(String[] args) {
        // Allocates nothing: the throwable may be an OutOfMemoryError.
        Thread.setDefaultUncaughtExceptionHandler((thread, e) -> {
            reserve = null;
            if (UNCAUGHT.compareAndSet(null, e)) {
                DIED.set(thread);
            }
        });
        int status = 1;
        try {
            run(args);
            failIfAThreadDied("after the last row");
            status = 0;
        } catch (Throwable e) {
            reserve = null;
            try {
                System.out.flush();
                System.err.println("AtomicBroadcastBenchmark FAILED: " + e);
                e.printStackTrace(); // a benchmark's main: the trace on stderr says why the figures are void
            } catch (Throwable alsoOutOfMemory) {
                // the exit status says it
            }
        } finally {
            System.exit(status);
        }
    }

    private static void run(String[] args) throws Exception {
        Map<String, String> opts = new TreeMap<>(Map.of("sizes", "100,1024", "batches", "1,16,128", "windows", "1,256",
                "warmup", "3", "measure", "5"));
        for (String a : args) {
            String[] kv = a.split("=", 2);
            if (kv.length != 2 || !opts.containsKey(kv[0])) {
                throw new IllegalArgumentException("unknown argument '" + a + "'; expected one of " + opts.keySet() + " as key=value");
            }
            opts.put(kv[0], kv[1]);
        }
        int warmup = Integer.parseInt(opts.get("warmup"));
        int measure = Integer.parseInt(opts.get("measure"));
        PrintStream out = System.out;
        out.printf(Locale.ROOT, "ABC (Protocol 7), n=%d, TCP loopback + AEAD, %d s warm-up + %d s measured per row, heap %d MiB (%s)%n%n",
                N, warmup, measure, Runtime.getRuntime().maxMemory() >> 20,
                ManagementFactory.getGarbageCollectorMXBeans().stream().map(GarbageCollectorMXBean::getName).toList());
        out.println("| size B | batch | window | payloads/s | p50 ms | p99 ms | payloads/round | ABC held MB: all / decisions |"
                + " GCs: count/ms per collector |");
        out.println("|---:|---:|---:|---:|---:|---:|---:|---:|---|");
        try (BenchGroup group = new BenchGroup(N)) {
            AtomicBroadcastBenchmark bench = new AtomicBroadcastBenchmark(group, out);
            for (int size : ints(opts.get("sizes"))) {
                for (int batch : ints(opts.get("batches"))) {
                    for (int window : ints(opts.get("windows"))) {
                        bench.run(size, batch, window, warmup, measure);
                    }
                }
            }
        }
    }

    /** One site's view of a run. */
    private static final class Site {
        final AtomicStream stream;
        final Times sentAt = new Times();
        final Times backAt = new Times();
        int sent;
        final AtomicLong delivered = new AtomicLong();
        long deliveredInWindow;
        byte[] digest;
        volatile Throwable failure;

        Site(AtomicStream stream) {
            this.stream = stream;
        }
    }

    private void run(int size, int batch, int window, int warmup, int measure) throws Exception {
        String id = "abc-" + (++runs);
        long[] gcBefore = gcCounts();
        StreamOptions options = StreamOptions.DEFAULT.withMaxBatch(batch).withWindow(window);
        List<Site> sites = new ArrayList<>();
        for (int i = 0; i < N; i++) {
            sites.add(new Site(new AtomicStream(group.sites.get(i), id, BenchGroup.GROUP, options)));
        }
        long start = System.nanoTime();
        long from = start + TimeUnit.SECONDS.toNanos(warmup);
        long to = from + TimeUnit.SECONDS.toNanos(measure);
        List<Thread> senders = new ArrayList<>();
        List<Thread> readers = new ArrayList<>();
        for (int i = 0; i < N; i++) {
            int self = i;
            Site s = sites.get(i);
            senders.add(Thread.ofPlatform().name("sender-" + i).start(() -> send(s, self, size, to)));
            readers.add(Thread.ofPlatform().name("reader-" + i).start(() -> read(s, self, from, to)));
        }
        Held held = new Held();
        Thread sampler = Thread.ofPlatform().daemon().name("held-sampler").start(() -> held.sample(group, sites));
        for (int i = 0; i < N; i++) {
            long senderDeadline = System.nanoTime() + TIMEOUT_NANOS;
            while (senders.get(i).isAlive() && System.nanoTime() < senderDeadline) {
                senders.get(i).join(100);
                failIfAThreadDied(id);
            }
            if (senders.get(i).isAlive()) {
                throw new IllegalStateException(id + ": site " + i + "'s sender is still blocked in send 60 s after the run"
                        + " (no progress); delivered at the sites: " + sites.stream().map(s -> s.delivered.get()).toList());
            }
        }
        long total = sites.stream().mapToLong(s -> s.sent).sum();
        long deadline = System.nanoTime() + TIMEOUT_NANOS;
        for (Site s : sites) {
            while (s.delivered.get() < total && s.failure == null) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException(id + ": a site delivered " + s.delivered.get() + " of " + total + " payloads");
                }
                failIfAThreadDied(id);
                Thread.sleep(1); // the harness polls the readers' counters; not on any protocol path
            }
        }
        long rounds = sites.get(0).stream.round();
        for (Site s : sites) {
            s.stream.close();
        }
        for (Thread t : readers) {
            t.join(TimeUnit.NANOSECONDS.toMillis(TIMEOUT_NANOS));
        }
        sampler.interrupt();
        sampler.join();
        check(id, sites, total);
        List<Long> latencies = new ArrayList<>();
        for (Site s : sites) {
            for (int k = 0; k < s.sent; k++) {
                if (s.sentAt.get(k) >= from && s.sentAt.get(k) < to) {
                    latencies.add(s.backAt.get(k) - s.sentAt.get(k));
                }
            }
        }
        latencies.sort(null);
        out.printf(Locale.ROOT, "| %d | %d | %d | %,.0f | %.2f | %.2f | %.1f | %.1f / %.1f | %s |%n", size, batch, window,
                sites.getFirst().deliveredInWindow / (double) measure, percentile(latencies, 0.50) / 1e6,
                percentile(latencies, 0.99) / 1e6, total / (double) Math.max(1, rounds), held.total / 1e6, held.decisions / 1e6,
                gcSince(gcBefore));
        out.flush();
    }

    /** Per collector, collections and milliseconds in them so far: {count, ms} in the beans' order. */
    private static long[] gcCounts() {
        List<GarbageCollectorMXBean> beans = ManagementFactory.getGarbageCollectorMXBeans();
        long[] counts = new long[2 * beans.size()];
        for (int k = 0; k < beans.size(); k++) {
            counts[2 * k] = beans.get(k).getCollectionCount();
            counts[2 * k + 1] = beans.get(k).getCollectionTime();
        }
        return counts;
    }

    /** The collections since {@code before}, per collector: "G1 Young Generation 212/1,034; ...". */
    private static String gcSince(long[] before) {
        List<GarbageCollectorMXBean> beans = ManagementFactory.getGarbageCollectorMXBeans();
        long[] now = gcCounts();
        List<String> parts = new ArrayList<>();
        for (int k = 0; k < beans.size(); k++) {
            parts.add(String.format(Locale.ROOT, "%s %,d/%,d", beans.get(k).getName(), now[2 * k] - before[2 * k],
                    now[2 * k + 1] - before[2 * k + 1]));
        }
        return String.join("; ", parts);
    }

    /** Sends until {@code to}: payload = site, sequence number, padding to {@code size}. */
    private static void send(Site s, int self, int size, long to) {
        try {
            while (System.nanoTime() < to) {
                s.sentAt.reserve(s.sent);
                s.backAt.reserve(s.sent);
                s.stream.send(ByteBuffer.allocate(size).putInt(self).putInt(s.sent).array());
                s.sentAt.set(s.sent++, System.nanoTime());
            }
        } catch (Throwable e) {
            s.failure = e;
        }
    }

    /** Reads until the stream closes, hashing the sequence and timing own payloads. */
    private static void read(Site s, int self, long from, long to) {
        try {
            MessageDigest sequence = MessageDigest.getInstance("SHA-256");
            while (true) {
                byte[] m;
                try {
                    m = s.stream.receive();
                } catch (StreamClosedException closed) {
                    s.digest = sequence.digest();
                    return;
                }
                long now = System.nanoTime();
                sequence.update(m);
                ByteBuffer b = ByteBuffer.wrap(m);
                if (b.getInt(0) == self) {
                    s.backAt.set(b.getInt(4), now);
                }
                if (now >= from && now < to) {
                    s.deliveredInWindow++;
                }
                s.delivered.incrementAndGet();
            }
        } catch (Throwable e) {
            s.failure = e;
        }
    }

    /** Total order and integrity (Protocol 7): the same sequence everywhere, every payload sent exactly once. */
    private void check(String id, List<Site> sites, long total) {
        for (int i = 0; i < N; i++) {
            Site s = sites.get(i);
            if (s.failure != null) {
                throw new IllegalStateException(id + ": site " + i + " failed", s.failure);
            }
            if (s.digest == null || s.delivered.get() != total) {
                throw new IllegalStateException(id + ": site " + i + " delivered " + s.delivered.get() + " of " + total
                        + (s.digest == null ? ", stream not closed" : ""));
            }
            if (!Arrays.equals(s.digest, sites.getFirst().digest)) {
                throw new IllegalStateException(id + ": site " + i + "'s sequence " + HexFormat.of().formatHex(s.digest)
                        + " differs from site 0's " + HexFormat.of().formatHex(sites.getFirst().digest));
            }
            for (int k = 0; k < s.sent; k++) {
                if (s.backAt.get(k) == 0) {
                    throw new IllegalStateException(id + ": site " + i + "'s payload " + k + " was not delivered back to it");
                }
            }
        }
        group.checkHealthy();
        failIfAThreadDied(id);
    }

    private static void failIfAThreadDied(String id) {
        Throwable uncaught = UNCAUGHT.get();
        if (uncaught != null) {
            throw new IllegalStateException(id + ": thread " + DIED.get().getName() + " died of " + uncaught
                    + "; the run's figures are void", uncaught);
        }
    }

    /**
     * The most one site's ABC instance held at once ({@link AtomicStream#held()}: decided vectors,
     * queue messages, q, d), sampled on the protocol threads every 100 ms while the row runs.
     */
    private static final class Held {
        volatile long total;
        volatile long decisions;

        void sample(BenchGroup group, List<Site> sites) {
            try {
                while (!Thread.currentThread().isInterrupted()) {
                    for (int i = 0; i < sites.size(); i++) {
                        AtomicStream.Held b = CompletableFuture.supplyAsync(sites.get(i).stream::held)
                                .get(10, TimeUnit.SECONDS);
                        total = Math.max(total, b.total());
                        decisions = Math.max(decisions, b.decisions());
                    }
                    Thread.sleep(100); // the sampling period of a monitoring thread, not a protocol path
                }
            } catch (InterruptedException e) {
                // the row is over
            } catch (ExecutionException | TimeoutException e) {
                throw new IllegalStateException("sampling what ABC holds failed", e);
            }
        }
    }

    /**
     * Nanosecond times by payload number, in chunks allocated as the sender reaches them: a row
     * holds what it sends, not a worst case (arrays for a million payloads per site were 64 MB of
     * the heap under test). The sender reserves a number before sending it; its reader writes that
     * number's time after receiving the payload, which the stream delivered after the send.
     */
    private static final class Times {
        private static final int CHUNK = 1 << 14;
        private final AtomicReferenceArray<long[]> chunks = new AtomicReferenceArray<>(1 << 12);

        void reserve(int k) {
            if (k / CHUNK >= chunks.length()) {
                throw new IllegalStateException("a site sent " + k + " payloads in one row: more than the benchmark records");
            }
            if (chunks.get(k / CHUNK) == null) {
                chunks.set(k / CHUNK, new long[CHUNK]);
            }
        }

        void set(int k, long nanos) {
            chunks.get(k / CHUNK)[k % CHUNK] = nanos;
        }

        long get(int k) {
            return chunks.get(k / CHUNK)[k % CHUNK];
        }
    }

    private static double percentile(List<Long> sorted, double p) {
        if (sorted.isEmpty()) {
            return Double.NaN;
        }
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p * sorted.size()) - 1));
    }

    private static int[] ints(String csv) {
        return Arrays.stream(csv.split(",")).mapToInt(Integer::parseInt).toArray();
    }
}
