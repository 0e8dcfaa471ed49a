package org.maftia.bench.group;

import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
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
 * <p>Self-check (a broken run throws): every site delivers the same sequence (count and SHA-256 of
 * the whole sequence), which holds every payload sent exactly once; no Appia loop saw a failure.
 *
 * <p>Arguments, all optional: {@code sizes=100,1024 batches=1,16,128 windows=1,256 warmup=3 measure=5}.
 */
public final class AtomicBroadcastBenchmark {

    private static final int N = 4;
    /** Own payloads one site may send in one run. */
    private static final int CAPACITY = 1 << 20;
    private static final long TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(60);

    private final BenchGroup group;
    private final PrintStream out;
    private int runs;

    private AtomicBroadcastBenchmark(BenchGroup group, PrintStream out) {
        this.group = group;
        this.out = out;
    }

    public static void main(String[] args) throws Exception {
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
        out.printf(Locale.ROOT, "ABC (Protocol 7), n=%d, TCP loopback + AEAD, %d s warm-up + %d s measured per row%n%n", N, warmup, measure);
        out.println("| size B | batch | window | payloads/s | p50 ms | p99 ms | payloads/round |");
        out.println("|---:|---:|---:|---:|---:|---:|---:|");
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
        final long[] sentAt = new long[CAPACITY];
        final long[] backAt = new long[CAPACITY];
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
        for (int i = 0; i < N; i++) {
            senders.get(i).join(TimeUnit.NANOSECONDS.toMillis(TIMEOUT_NANOS));
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
        check(id, sites, total);
        List<Long> latencies = new ArrayList<>();
        for (Site s : sites) {
            for (int k = 0; k < s.sent; k++) {
                if (s.sentAt[k] >= from && s.sentAt[k] < to) {
                    latencies.add(s.backAt[k] - s.sentAt[k]);
                }
            }
        }
        latencies.sort(null);
        out.printf(Locale.ROOT, "| %d | %d | %d | %,.0f | %.2f | %.2f | %.1f |%n", size, batch, window,
                sites.getFirst().deliveredInWindow / (double) measure, percentile(latencies, 0.50) / 1e6,
                percentile(latencies, 0.99) / 1e6, total / (double) Math.max(1, rounds));
        out.flush();
    }

    /** Sends until {@code to}: payload = site, sequence number, padding to {@code size}. */
    private static void send(Site s, int self, int size, long to) {
        try {
            while (System.nanoTime() < to) {
                if (s.sent == CAPACITY) {
                    throw new IllegalStateException("site " + self + " sent " + CAPACITY + " payloads: raise CAPACITY");
                }
                s.stream.send(ByteBuffer.allocate(size).putInt(self).putInt(s.sent).array());
                s.sentAt[s.sent++] = System.nanoTime();
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
                    s.backAt[b.getInt(4)] = now;
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
                if (s.backAt[k] == 0) {
                    throw new IllegalStateException(id + ": site " + i + "'s payload " + k + " was not delivered back to it");
                }
            }
        }
        group.checkHealthy();
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
