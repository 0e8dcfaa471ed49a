package org.maftia.bench.tx;

import java.io.IOException;
import com.sun.management.OperatingSystemMXBean;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.maftia.bench.harness.OptionValues;
import org.maftia.bench.service.Failure;
import org.maftia.group.loopback.LoopbackGroup;
import org.maftia.replication.ServiceReplica;
import org.maftia.tx.bank.BankGroups;
import org.maftia.tx.bank.BankLayout;

/**
 * {@code maftia bench tx}: committed transfers per second and their latency in the replicated bank
 * (spec 3.3, 5.3.4), for each client count of {@link TxOptions}, measured with
 * {@link TransferClients} against one set of groups started once. At the end, every honest replica
 * of a bank must hold the same balances and the two banks together the money they opened with.
 * Anything that fails (a client thread, the groups not starting, money not conserved) ends the run
 * with one line saying what and exit code 1; the groups and their directories (they hold every
 * site's private keys) go on every way out.
 */
public final class TxBenchmark {

    /**
     * One measured case, with what site 0 of every group ordered meanwhile: its atomic broadcast
     * rounds per second, by group, and the requests (client requests, calls from the other
     * groups, clock ticks) all three executed per transfer that ended; and the cores this process
     * (every site and every client) kept busy.
     */
    record Row(int clients, TransferClients.Result result, Map<String, Double> roundsPerSecond, double requestsPerTransfer,
               double cores) {
        double millis(double percentile) {
            return result.committed() == 0 ? Double.NaN : result.latencyMicros().getValueAtPercentile(percentile) / 1000.0;
        }
    }

    private static final int N = 4;
    private static final int T = 1;
    /** The corrupted site of every group with {@code --byzantine}. */
    private static final int CORRUPTED = N - 1;
    private static final long OPENING_BALANCE = 1_000_000_000L;
    private static final OperatingSystemMXBean CPU = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    private static final Duration STATUS_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration START_TIMEOUT = Duration.ofSeconds(120);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(120);
    /** How long the honest replicas may take to apply the last outcomes after the clients stopped. */
    private static final Duration SETTLE_TIMEOUT = Duration.ofSeconds(60);

    private final TxOptions options;
    private final Failure failure = new Failure();
    private final PrintStream out = System.out;
    private final AtomicBoolean cleaned = new AtomicBoolean();
    private Path root;
    private BankGroups groups;

    private TxBenchmark(TxOptions options) {
        this.options = options;
    }

    public static void main(String[] args) {
        TxOptions options = OptionValues.parseOrExit("bench tx", TxOptions.USAGE, args, TxOptions::parse);
        if (options == null) {
            return;
        }
        TxBenchmark bench = new TxBenchmark(options);
        Runtime.getRuntime().addShutdownHook(new Thread(bench::cleanUp, "bench-tx-cleanup"));
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
            System.err.println("bench tx: FAILED: " + bench.failure.what());
            code = 1;
        }
        System.exit(code);
    }

    private int run() throws Exception {
        root = Files.createTempDirectory("maftia-bench-tx-");
        BankLayout layout = new BankLayout(root, options.accounts(), OPENING_BALANCE);
        int base = LoopbackGroup.freeBasePort(3 * 200);
        layout.deal(N, T, InetAddress.getLoopbackAddress(), base);
        out.printf(Locale.ROOT, "bench tx: groups %s of %d sites (t = %d) on 127.0.0.1:%d..%d, %s; %d accounts per bank;"
                        + " clocks tick every %s%n", BankLayout.groups(), N, T, base, base + 3 * 200 - 1,
                options.byzantine() ? "site " + CORRUPTED + " of every group corrupted" : "every replica honest",
                options.accounts(), seconds(options.tick()));
        groups = BankGroups.start(layout, options.byzantine() ? CORRUPTED : -1, options.tick());
        if (!groups.awaitRunning(START_TIMEOUT)) {
            failure.report("the groups were not all running within " + START_TIMEOUT.toSeconds() + " s");
            return 1;
        }
        List<Row> rows = new ArrayList<>();
        for (int clients : options.clients()) {
            out.printf(Locale.ROOT, "[%d/%d] %d clients: warm-up %s, measuring %s ...%n", rows.size() + 1,
                    options.clients().size(), clients, seconds(options.warmup()), seconds(options.duration()));
            Row row = measure(layout, clients);
            if (row == null) {
                return 1;
            }
            rows.add(row);
            TransferClients.Result result = row.result();
            out.printf(Locale.ROOT, "        %,.1f committed/s, %,.1f aborted/s, p50 %.1f ms, p99 %.1f ms (%,d committed, %,d aborted, %,d unknown)%n",
                    result.committedPerSecond(), result.abortedPerSecond(), row.millis(50), row.millis(99),
                    result.committed(), result.aborted(), result.unknown());
            out.printf(Locale.ROOT, "        ABC rounds/s %s; %.1f requests ordered per transfer; %.2f cores busy%n",
                    row.roundsPerSecond(), row.requestsPerTransfer(), row.cores());
        }
        printTable(rows);
        writeCsv(rows);
        out.println("CSV written to " + options.out().toAbsolutePath());
        if (!checkConservation(layout)) {
            return 1;
        }
        cleanUp();
        return 0;
    }

    /** One case; null if something failed (the failure says what). */
    private Row measure(BankLayout layout, int count) throws Exception {
        TransferClients clients = TransferClients.start(layout, count, failure);
        if (failure.awaitFor(options.warmup())) {
            clients.stop(STOP_TIMEOUT);
            return null;
        }
        Map<String, ServiceReplica.Status> before = firstSiteStatus();
        long cpuBefore = CPU.getProcessCpuTime();
        clients.beginMeasurement();
        boolean failed = failure.awaitFor(options.duration());
        clients.endMeasurement();
        long cpuAfter = CPU.getProcessCpuTime();
        Map<String, ServiceReplica.Status> after = firstSiteStatus();
        TransferClients.Result result = clients.stop(STOP_TIMEOUT);
        if (failed || result == null || failure.what() != null) {
            return null;
        }
        if (result.committed() == 0) {
            failure.report("no transfer committed in " + seconds(options.duration()) + " with " + count + " clients");
            return null;
        }
        Map<String, Double> rounds = new LinkedHashMap<>();
        long executed = 0;
        for (String group : BankLayout.groups()) {
            rounds.put(group, Math.round(10 * (after.get(group).round() - before.get(group).round()) / result.seconds()) / 10.0);
            executed += after.get(group).executed() - before.get(group).executed();
        }
        long ended = result.committed() + result.aborted() + result.unknown();
        return new Row(count, result, rounds, (double) executed / ended, (cpuAfter - cpuBefore) / 1e9 / result.seconds());
    }

    /** The status of site 0 of every group, by group. */
    private Map<String, ServiceReplica.Status> firstSiteStatus() throws Exception {
        Map<String, ServiceReplica.Status> status = new LinkedHashMap<>();
        for (BankGroups.Site site : groups.sites()) {
            if (site.id() == 0) {
                status.put(site.group(), site.replica().served().replica().status().get(STATUS_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS));
            }
        }
        return status;
    }

    /**
     * Every honest replica of a bank holds the same balances, and the sum over both banks is what
     * they opened with. A commit returns once the banks' groups applied it, which need not include
     * every honest replica yet, and a transaction whose client gave up is aborted by the groups'
     * own bounds; so the check waits, up to {@link #SETTLE_TIMEOUT}, for the replicas to agree.
     */
    private boolean checkConservation(BankLayout layout) throws InterruptedException {
        long opening = layout.openingBalances().values().stream().mapToLong(Long::longValue).sum();
        long deadline = System.nanoTime() + SETTLE_TIMEOUT.toNanos();
        long started = System.nanoTime();
        while (true) {
            String disagreement = null;
            long total = 0;
            for (String bank : BankLayout.BANKS) {
                Map<String, Long> first = null;
                for (BankGroups.Site site : groups.sites()) {
                    if (!site.group().equals(bank) || !site.honest()) {
                        continue;
                    }
                    Map<String, Long> here = BankGroups.balances(site);
                    if (first == null) {
                        first = here;
                        total += here.values().stream().mapToLong(Long::longValue).sum();
                    } else if (!Objects.equals(first, here) && disagreement == null) {
                        disagreement = "honest replicas of " + bank + " hold different balances (site " + site.id() + ")";
                    }
                }
            }
            if (disagreement == null && total == opening) {
                out.printf(Locale.ROOT, "money conserved: %,d across both banks at their honest replicas, as opened with "
                        + "(honest replicas agreed %d ms after the clients stopped)%n", total, (System.nanoTime() - started) / 1_000_000);
                return true;
            }
            if (System.nanoTime() > deadline) {
                failure.report((disagreement != null ? disagreement + "; " : "") + "sum of balances " + total + ", opened with "
                        + opening + " (" + (total - opening) + "), " + SETTLE_TIMEOUT.toSeconds() + " s after the clients stopped");
                return false;
            }
            Thread.sleep(100); // the replicas apply the last outcomes on their own threads: poll, bounded by the deadline
        }
    }

    private void printTable(List<Row> rows) {
        out.println();
        out.printf(Locale.ROOT, "%8s %12s %10s %8s %8s %8s %8s %22s %10s %6s%n", "clients", "committed/s", "aborted/s",
                "unknown", "p50 ms", "p99 ms", "max ms", "rounds/s tm/a/b", "req/transf", "cores");
        for (Row r : rows) {
            out.printf(Locale.ROOT, "%8d %,12.1f %,10.1f %8d %8.1f %8.1f %8.1f %22s %10.1f %6.2f%n", r.clients(),
                    r.result().committedPerSecond(), r.result().abortedPerSecond(), r.result().unknown(), r.millis(50),
                    r.millis(99), r.result().latencyMicros().getMaxValue() / 1000.0, roundsColumn(r), r.requestsPerTransfer(),
                    r.cores());
        }
    }

    private void writeCsv(List<Row> rows) throws IOException {
        List<String> lines = new ArrayList<>();
        lines.add("clients,accounts,byzantine,tick_ms,committed_per_s,aborted_per_s,committed,aborted,unknown,p50_ms,p99_ms,max_ms,seconds,"
                + "tm_rounds_per_s,bank_a_rounds_per_s,bank_b_rounds_per_s,requests_per_transfer,cores");
        for (Row r : rows) {
            TransferClients.Result res = r.result();
            lines.add(String.format(Locale.ROOT, "%d,%d,%b,%d,%.2f,%.2f,%d,%d,%d,%.3f,%.3f,%.3f,%.3f,%.1f,%.1f,%.1f,%.2f,%.2f", r.clients(),
                    options.accounts(), options.byzantine(), options.tick().toMillis(), res.committedPerSecond(),
                    res.abortedPerSecond(), res.committed(), res.aborted(), res.unknown(), r.millis(50), r.millis(99),
                    res.latencyMicros().getMaxValue() / 1000.0, res.seconds(), r.roundsPerSecond().get(BankLayout.TM),
                    r.roundsPerSecond().get(BankLayout.BANK_A), r.roundsPerSecond().get(BankLayout.BANK_B), r.requestsPerTransfer(), r.cores()));
        }
        Files.write(options.out(), lines);
    }

    private static String roundsColumn(Row r) {
        return String.format(Locale.ROOT, "%.1f/%.1f/%.1f", r.roundsPerSecond().get(BankLayout.TM),
                r.roundsPerSecond().get(BankLayout.BANK_A), r.roundsPerSecond().get(BankLayout.BANK_B));
    }

    /** Stops the groups and deletes their directories; on every way out, once. */
    private void cleanUp() {
        if (!cleaned.compareAndSet(false, true)) {
            return;
        }
        if (groups != null) {
            groups.close();
        }
        if (root != null) {
            try (Stream<Path> paths = Files.walk(root)) {
                paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException e) {
                System.err.println("bench tx: could not delete " + root + ": " + e.getMessage());
            }
        }
    }

    private static String seconds(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
    }
}
