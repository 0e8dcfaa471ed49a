package org.maftia.bench.service;

import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.maftia.bench.harness.OptionValues;
import org.maftia.group.directory.Dealer;
import org.maftia.group.directory.GroupDirectory;
import org.maftia.group.loopback.LoopbackGroup;
import org.maftia.net.group.GroupConfig;

/**
 * {@code maftia bench service}: ordered calls per second and client latency of a replicated
 * service, in the topology of BFT-SMaRt's throughput-latency benchmark: n = 4 site processes on
 * loopback ({@link SiteProcesses}) and this process as the client machine, running N closed-loop
 * clients ({@link ClosedLoopClients}) for each request size and N. Anything that fails (a client
 * thread, a site process) ends the run with one line saying what and exit code 1; the sites and
 * the group directory (it holds every site's private keys) go on every way out.
 */
public final class ServiceBenchmark {

    /** One measured case, and what site 0's atomic broadcast did meanwhile. */
    record Row(int requestBytes, int threads, ClosedLoopClients.Result result, double roundsPerSecond, double requestsPerRound) {
        double millis(double percentile) {
            return result.latencyMicros().getValueAtPercentile(percentile) / 1000.0;
        }
    }

    private static final int N = 4;
    private static final int T = 1;
    private static final Duration START_TIMEOUT = Duration.ofSeconds(180);
    private static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);

    private final BenchOptions options;
    private final Failure failure = new Failure();
    private final PrintStream out = System.out;
    private final AtomicBoolean cleaned = new AtomicBoolean();
    private Path groupDir;
    private SiteProcesses sites;

    private ServiceBenchmark(BenchOptions options) {
        this.options = options;
    }

    public static void main(String[] args) {
        BenchOptions options = OptionValues.parseOrExit("bench service", BenchOptions.USAGE, args, BenchOptions::parse);
        if (options == null) {
            return;
        }
        ServiceBenchmark bench = new ServiceBenchmark(options);
        Thread cleanup = new Thread(bench::cleanUp, "bench-service-cleanup");
        Runtime.getRuntime().addShutdownHook(cleanup);
        Thread.setDefaultUncaughtExceptionHandler((thread, e) ->
                bench.failure.report("thread " + thread.getName() + " failed: " + Failure.describe(e)));
        int code;
        try {
            code = bench.run();
        } catch (Exception | Error e) {
            bench.failure.report(Failure.describe(e));
            code = 1;
        }
        if (bench.failure.what() != null) {
            System.err.println("bench service: FAILED: " + bench.failure.what());
            code = 1;
        }
        System.exit(code);
    }

    private int run() throws Exception {
        groupDir = Files.createTempDirectory("maftia-bench-service-");
        int base = LoopbackGroup.freeBasePort(2 * N);
        GroupConfig group = new Dealer(new SecureRandom()).deal(new Dealer.Plan("bench", N, T, InetAddress.getLoopbackAddress(),
                base, base + N, List.of(), "ed25519-quorum", "dh-coin-p256", "tdh2-p256"), new GroupDirectory(groupDir), false).group();
        out.printf(Locale.ROOT, "bench service: %d site processes (t = %d) on 127.0.0.1:%d..%d, clients on %d..%d; replies of %d B%n",
                N, T, base, base + N - 1, base + N, base + 2 * N - 1, options.replyBytes());
        sites = SiteProcesses.start(groupDir, N, options.replyBytes(), options.siteJavaOptions(), failure);
        if (!sites.awaitReady(START_TIMEOUT)) {
            // A site that exited was reported first; the failure keeps the first report.
            failure.report("the sites were not all running within " + START_TIMEOUT.toSeconds() + " s");
            return 1;
        }
        if (!warmUpGroup(group)) {
            return 1;
        }
        List<Row> rows = new ArrayList<>();
        int cases = options.sizes().size() * options.threads().size();
        for (int size : options.sizes()) {
            for (int threads : options.threads()) {
                out.printf(Locale.ROOT, "[%d/%d] %d B requests, %d client threads: warm-up %s, measuring %s ...%n",
                        rows.size() + 1, cases, size, threads, seconds(options.warmup()), seconds(options.duration()));
                Row row = measure(group, size, threads);
                if (row == null) {
                    return 1;
                }
                rows.add(row);
                out.printf(Locale.ROOT, "        %,.0f ops/s, p50 %.2f ms, p99 %.2f ms (%,d calls; %.1f rounds/s, %.1f requests/round)%n",
                        row.result().callsPerSecond(), row.millis(50), row.millis(99), row.result().calls(),
                        row.roundsPerSecond(), row.requestsPerRound());
            }
        }
        printTable(rows);
        writeCsv(rows);
        out.println("CSV written to " + options.out().toAbsolutePath());
        cleanUp();
        return 0;
    }

    /**
     * Loads the group, unmeasured, before the first case: on this machine the first case measured
     * right after the sites started ran at a third of the rate of the same case measured again
     * later, while five JVMs compiled on two cores. False if something failed.
     */
    private boolean warmUpGroup(GroupConfig group) throws InterruptedException {
        if (options.groupWarmup().isZero()) {
            return true;
        }
        int threads = options.threads().stream().max(Integer::compare).orElseThrow();
        int size = options.sizes().getFirst();
        out.printf(Locale.ROOT, "group warm-up: %s of %d B requests from %d client threads, not measured ...%n",
                seconds(options.groupWarmup()), size, threads);
        ClosedLoopClients clients = ClosedLoopClients.start(group, threads, size, options.replyBytes(), failure);
        boolean failed = failure.awaitFor(options.groupWarmup());
        clients.stop(STOP_TIMEOUT);
        return !failed && failure.what() == null;
    }

    /** One case; null if something failed (the failure says what). */
    private Row measure(GroupConfig group, int size, int threads) throws InterruptedException {
        ClosedLoopClients clients = ClosedLoopClients.start(group, threads, size, options.replyBytes(), failure);
        if (failure.awaitFor(options.warmup())) {
            clients.stop(STOP_TIMEOUT);
            return null;
        }
        SiteProcesses.Status before = sites.status(0, ANSWER_TIMEOUT);
        clients.beginMeasurement();
        boolean failed = failure.awaitFor(options.duration());
        clients.endMeasurement();
        SiteProcesses.Status after = failed ? null : sites.status(0, ANSWER_TIMEOUT);
        ClosedLoopClients.Result result = clients.stop(STOP_TIMEOUT);
        if (failed || result == null || failure.what() != null) {
            return null;
        }
        if (before == null || after == null) {
            failure.report("site 0 did not answer a status request within " + ANSWER_TIMEOUT.toSeconds() + " s");
            return null;
        }
        if (result.calls() == 0) {
            failure.report("no call completed in " + seconds(options.duration()) + " with " + threads + " client threads");
            return null;
        }
        long rounds = after.round() - before.round();
        long executed = after.executed() - before.executed();
        return new Row(size, threads, result, rounds / result.seconds(), rounds == 0 ? 0 : (double) executed / rounds);
    }

    private void printTable(List<Row> rows) {
        out.println();
        out.printf(Locale.ROOT, "%9s %8s %10s %8s %8s %8s %10s %12s%n", "request B", "threads", "ops/s", "p50 ms", "p99 ms",
                "max ms", "rounds/s", "requests/rd");
        for (Row r : rows) {
            out.printf(Locale.ROOT, "%9d %8d %,10.0f %8.2f %8.2f %8.2f %10.1f %12.1f%n", r.requestBytes(), r.threads(),
                    r.result().callsPerSecond(), r.millis(50), r.millis(99), r.result().latencyMicros().getMaxValue() / 1000.0,
                    r.roundsPerSecond(), r.requestsPerRound());
        }
    }

    private void writeCsv(List<Row> rows) throws IOException {
        List<String> lines = new ArrayList<>();
        lines.add("request_bytes,reply_bytes,threads,ops_per_s,p50_ms,p99_ms,max_ms,calls,seconds,rounds_per_s,requests_per_round");
        for (Row r : rows) {
            lines.add(String.format(Locale.ROOT, "%d,%d,%d,%.1f,%.3f,%.3f,%.3f,%d,%.3f,%.2f,%.2f", r.requestBytes(),
                    options.replyBytes(), r.threads(), r.result().callsPerSecond(), r.millis(50), r.millis(99),
                    r.result().latencyMicros().getMaxValue() / 1000.0, r.result().calls(), r.result().seconds(),
                    r.roundsPerSecond(), r.requestsPerRound()));
        }
        Files.write(options.out(), lines);
    }

    /** Ends the site processes and deletes the group directory; on every way out, once. */
    private void cleanUp() {
        if (!cleaned.compareAndSet(false, true)) {
            return;
        }
        if (sites != null) {
            sites.close();
        }
        if (groupDir != null) {
            try (Stream<Path> paths = Files.walk(groupDir)) {
                paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException e) {
                System.err.println("bench service: could not delete " + groupDir + ": " + e.getMessage());
            }
        }
    }

    private static String seconds(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
    }
}
