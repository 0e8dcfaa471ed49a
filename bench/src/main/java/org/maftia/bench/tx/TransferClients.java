package org.maftia.bench.tx;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;
import org.maftia.bench.harness.MeasurementWindow;
import org.maftia.bench.service.Failure;
import org.maftia.net.link.LinkKeyPair;
import org.maftia.replication.ProxyOptions;
import org.maftia.tx.bank.BankClient;
import org.maftia.tx.bank.BankLayout;
import org.maftia.tx.client.RetryPolicy;

/**
 * N closed-loop clients of the bank: each thread is a client of its own (its own link key, its own
 * {@link BankClient}) that transfers a random amount between a random account of one bank and a
 * random account of the other, in a random direction, and starts the next transfer as soon as the
 * last one ended. Transfers that end between {@link #beginMeasurement} and {@link #endMeasurement}
 * are counted (committed, aborted, outcome unknown), and the latency of the committed ones, from
 * begin to the return of commit, recorded. Any exception in a client thread is reported to the
 * {@link Failure} and stops that thread.
 */
final class TransferClients {

    /** Transfers that ended in the measured interval, its length, and the committed ones' latencies in microseconds. */
    record Result(long committed, long aborted, long unknown, double seconds, Histogram latencyMicros) {
        double committedPerSecond() {
            return committed / seconds;
        }

        double abortedPerSecond() {
            return aborted / seconds;
        }
    }

    /** Amounts are drawn from 1 to this; the opening balance is far above, so overdrafts are rare. */
    static final long MAX_AMOUNT = 1_000;
    private static final long LONGEST_MICROS = Duration.ofMinutes(2).toNanos() / 1_000;
    private final List<Thread> threads = new ArrayList<>();
    private final List<Histogram> histograms = new ArrayList<>();
    private final AtomicLong aborted = new AtomicLong();
    private final AtomicLong unknown = new AtomicLong();
    private final BankLayout layout;
    private final Failure failure;
    private final MeasurementWindow window = new MeasurementWindow();
    private volatile boolean stopping;

    private TransferClients(BankLayout layout, Failure failure) {
        this.layout = layout;
        this.failure = failure;
    }

    /** Starts {@code count} clients transferring. */
    static TransferClients start(BankLayout layout, int count, Failure failure) {
        TransferClients clients = new TransferClients(layout, failure);
        SecureRandom random = new SecureRandom();
        for (int i = 0; i < count; i++) {
            Histogram histogram = new Histogram(LONGEST_MICROS, 3);
            Random choices = new Random(random.nextLong());
            Thread thread = new Thread(() -> clients.transferLoop(random, choices, histogram), "tx-client-" + i);
            thread.setDaemon(true);
            clients.histograms.add(histogram);
            clients.threads.add(thread);
        }
        clients.threads.forEach(Thread::start);
        return clients;
    }

    private void transferLoop(SecureRandom keys, Random choices, Histogram histogram) {
        List<String> accounts = layout.accounts();
        BankClient client = null;
        try {
            client = new BankClient(layout, LinkKeyPair.generate(keys), ProxyOptions.DEFAULT, RetryPolicy.DEFAULT);
            while (!stopping) {
                boolean aToB = choices.nextBoolean();
                String from = accounts.get(choices.nextInt(accounts.size()));
                String to = accounts.get(choices.nextInt(accounts.size()));
                long amount = 1 + choices.nextLong(MAX_AMOUNT);
                long began = System.nanoTime();
                UnknownCounter observer = new UnknownCounter();
                BankClient.Transfer transfer = client.transfer(aToB ? BankLayout.BANK_A : BankLayout.BANK_B, from,
                        aToB ? BankLayout.BANK_B : BankLayout.BANK_A, to, amount, observer);
                long ended = System.nanoTime();
                if (!window.counts(ended)) {
                    continue;
                }
                if (transfer.committed()) {
                    histogram.recordValue(Math.min(LONGEST_MICROS, (ended - began) / 1_000));
                } else if (observer.unknown) {
                    unknown.incrementAndGet();
                } else {
                    aborted.incrementAndGet();
                }
            }
        } catch (RuntimeException | Error e) {
            if (!stopping) {
                failure.report(Thread.currentThread().getName() + " failed: " + Failure.describe(e));
            }
        } finally {
            if (client != null) {
                client.close();
            }
        }
    }

    /** Tells a transfer whose commit outcome could not be learnt from one that aborted. */
    private static final class UnknownCounter implements BankClient.Observer {
        private boolean unknown;

        @Override
        public void withdrew(String tid, String account, long before, long after) {
            // only the outcome is counted
        }

        @Override
        public void deposited(String tid, String account, long before, long after) {
            // only the outcome is counted
        }

        @Override
        public void ended(String tid, boolean committed) {
            // only the outcome is counted
        }

        @Override
        public void unknown(String tid) {
            unknown = true;
        }
    }

    void beginMeasurement() {
        window.begin();
    }

    void endMeasurement() {
        window.end();
    }

    /**
     * Stops the clients after their transfer under way (they close); the measured transfers,
     * or null if a thread did not finish within {@code timeout} (reported as a failure).
     */
    Result stop(Duration timeout) throws InterruptedException {
        stopping = true;
        boolean finished = MeasurementWindow.joinAll(threads, timeout);
        if (!finished) {
            failure.report("client threads still in a transfer " + timeout.toSeconds() + " s after the run ended");
            return null;
        }
        Histogram all = new Histogram(LONGEST_MICROS, 3);
        histograms.forEach(all::add);
        return new Result(all.getTotalCount(), aborted.get(), unknown.get(), window.seconds(), all);
    }
}
