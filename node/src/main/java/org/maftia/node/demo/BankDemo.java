package org.maftia.node.demo;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.maftia.group.loopback.LoopbackGroup;
import org.maftia.net.link.LinkKeyPair;
import org.maftia.replication.ProxyOptions;
import org.maftia.tx.bank.BankClient;
import org.maftia.tx.bank.BankGroups;
import org.maftia.tx.bank.BankLayout;
import org.maftia.tx.client.RetryPolicy;

/**
 * The main demo: the replicated bank (spec 3.3 and 5.3.4). A transaction manager group and two
 * bank groups ("bank-a", "bank-b") of 4 sites each run in this process, every site with its own
 * threads and TCP links on loopback; site 3 of every group is corrupted (wrong replies, wrong
 * votes, forged calls). Clients transfer money between accounts of the two banks concurrently,
 * some transfers asking for more than the account holds (they must abort at both banks). Then the
 * demo shows: money is conserved, every committed transfer was applied exactly once at every
 * honest replica (each balance is the opening balance plus the committed transfers' amounts), the
 * honest replicas of each bank hold the same balances, and what each corrupted replica tried.
 */
public final class BankDemo implements Demo {

    private static final long OPENING = 1_000_000;

    private final int clients;
    private final int transfersEach;
    private final int accounts;
    private final PrintWriter out;

    public BankDemo(int clients, int transfersEach, int accounts, PrintWriter out) {
        if (clients < 1 || clients > 200) {
            throw new IllegalArgumentException("--clients must be 1 to 200, not " + clients);
        }
        if (transfersEach < 1) {
            throw new IllegalArgumentException("--transfers must be at least 1, not " + transfersEach);
        }
        if (accounts < 1 || accounts > 10_000) {
            throw new IllegalArgumentException("--accounts must be 1 to 10000, not " + accounts);
        }
        this.clients = clients;
        this.transfersEach = transfersEach;
        this.accounts = accounts;
        this.out = out;
    }

    @Override
    public boolean run(Duration timeout) throws Exception {
        Path root = Files.createTempDirectory("maftia-bank-");
        try {
            return runIn(root, timeout);
        } finally {
            deleteTree(root);
        }
    }

    private boolean runIn(Path root, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        BankLayout layout = new BankLayout(root, accounts, OPENING);
        layout.deal(4, 1, InetAddress.getLoopbackAddress(), LoopbackGroup.freeBasePort(BankLayout.ports(4)));
        say("bank: groups tm, bank-a, bank-b of 4 sites each (t = 1), site 3 of each corrupted; "
                + accounts + " accounts per bank with " + OPENING + " each");
        try (BankGroups groups = BankGroups.start(layout, 3, Duration.ofMillis(200))) {
            if (!groups.awaitRunning(remaining(deadline))) {
                throw new DemoTimeoutException(timeout, "every replica of the bank to start");
            }
            Ledger ledger = new Ledger();
            transfer(layout, ledger, deadline, timeout);
            return verdict(layout, groups, ledger);
        }
    }

    /** Every client's transfers, with a progress line every two seconds. */
    private void transfer(BankLayout layout, Ledger ledger, long deadline, Duration timeout) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        List<Future<?>> done = new ArrayList<>();
        long start = System.nanoTime();
        for (int c = 0; c < clients; c++) {
            done.add(pool.submit(() -> {
                client(layout, ledger);
                return null;
            }));
        }
        pool.shutdown();
        while (!pool.awaitTermination(2, TimeUnit.SECONDS)) {
            progress(ledger, start);
            if (System.nanoTime() > deadline) {
                pool.shutdownNow();
                throw new DemoTimeoutException(timeout, "the clients' transfers to end (" + ledger.committed.get() + " committed, "
                        + ledger.aborted.get() + " aborted of " + clients * transfersEach + ")");
            }
        }
        for (Future<?> f : done) {
            f.get();
        }
        progress(ledger, start);
    }

    private void client(BankLayout layout, Ledger ledger) {
        ProxyOptions options = ProxyOptions.DEFAULT.withTimeout(Duration.ofSeconds(1));
        try (BankClient client = new BankClient(layout, LinkKeyPair.generate(new SecureRandom()), options, RetryPolicy.DEFAULT)) {
            ThreadLocalRandom random = ThreadLocalRandom.current();
            for (int k = 0; k < transfersEach; k++) {
                boolean aToB = random.nextBoolean();
                String fromBank = aToB ? BankLayout.BANK_A : BankLayout.BANK_B;
                String toBank = aToB ? BankLayout.BANK_B : BankLayout.BANK_A;
                String from = "acct-" + random.nextInt(accounts);
                String to = "acct-" + random.nextInt(accounts);
                // one transfer in ten asks for more than any account holds: it must abort at both banks
                long amount = random.nextInt(10) == 0 ? OPENING * 1_000 : 1 + random.nextInt(5_000);
                long began = System.nanoTime();
                BankClient.Transfer t = client.transfer(fromBank, from, toBank, to, amount, ledger);
                if (t.committed()) {
                    ledger.committed(fromBank + "/" + from, toBank + "/" + to, amount, System.nanoTime() - began);
                }
            }
        }
    }

    private void progress(Ledger ledger, long start) {
        double seconds = (System.nanoTime() - start) / 1e9;
        long committed = ledger.committed.get();
        say(String.format("transfers: %d committed, %d aborted of %d, %.1f committed/s, commit latency p50 %d ms",
                committed, ledger.aborted.get(), clients * transfersEach, committed / Math.max(seconds, 1e-3), ledger.p50Millis()));
    }

    /** The summary, each line a claim checked; true if all hold. */
    private boolean verdict(BankLayout layout, BankGroups groups, Ledger ledger) {
        boolean ok = ledger.unknown.get() == 0;
        if (!ok) {
            say(ledger.unknown.get() + " transfers' outcomes unknown (their commit did not settle in time)");
        }
        Map<String, Long> expected = new TreeMap<>(layout.openingBalances());
        ledger.deltas.forEach((account, delta) -> expected.merge(account, delta, Long::sum));
        long before = layout.openingBalances().values().stream().mapToLong(Long::longValue).sum();
        Map<String, Long> seen = new TreeMap<>();
        for (BankGroups.Site site : groups.sites()) {
            if (!site.honest() || site.accounts().isEmpty()) {
                continue;
            }
            Map<String, Long> balances = BankGroups.balances(site);
            boolean exact = balances.entrySet().stream().allMatch(e -> e.getValue().equals(expected.get(e.getKey())));
            boolean same = balances.entrySet().stream().allMatch(e -> seen.getOrDefault(e.getKey(), e.getValue()).equals(e.getValue()));
            seen.putAll(balances);
            ok &= exact && same;
            say(String.format("%s site %d: every committed transfer applied exactly once: %s; same balances as the other honest replicas: %s",
                    site.group(), site.id(), exact ? "yes" : "NO", same ? "yes" : "NO"));
        }
        long after = seen.values().stream().mapToLong(Long::longValue).sum();
        ok &= after == before;
        say("money before " + before + ", after " + after + (after == before ? ": conserved" : ": NOT conserved"));
        for (BankGroups.Site site : groups.sites()) {
            if (!site.honest()) {
                say(site.group() + " site " + site.id() + " (corrupted) tried " + site.byzantine().tried()
                        + "; outvoted: no client or group took what it alone said");
            }
        }
        return ok;
    }

    private void say(String line) {
        out.println(line);
        out.flush();
    }

    private static Duration remaining(long deadline) {
        return Duration.ofNanos(Math.max(1, deadline - System.nanoTime()));
    }

    private static void deleteTree(Path root) throws IOException {
        try (var paths = Files.walk(root)) {
            for (Path p : paths.sorted(Collections.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    /** What the clients saw: outcomes, the committed amounts per account, commit latencies. */
    private static final class Ledger implements BankClient.Observer {
        final AtomicLong committed = new AtomicLong();
        final AtomicLong aborted = new AtomicLong();
        final AtomicLong unknown = new AtomicLong();
        final Map<String, Long> deltas = new ConcurrentHashMap<>();
        private final List<Long> latencies = Collections.synchronizedList(new ArrayList<>());

        void committed(String from, String to, long amount, long nanos) {
            deltas.merge(from, -amount, Long::sum);
            deltas.merge(to, amount, Long::sum);
            latencies.add(nanos);
        }

        long p50Millis() {
            List<Long> sorted;
            synchronized (latencies) {
                sorted = new ArrayList<>(latencies);
            }
            if (sorted.isEmpty()) {
                return 0;
            }
            Collections.sort(sorted);
            return sorted.get(sorted.size() / 2) / 1_000_000;
        }

        @Override
        public void ended(String tid, boolean wasCommitted) {
            (wasCommitted ? committed : aborted).incrementAndGet();
        }

        @Override
        public void unknown(String tid) {
            unknown.incrementAndGet();
        }
    }
}
