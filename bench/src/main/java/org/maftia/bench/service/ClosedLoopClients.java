package org.maftia.bench.service;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.HdrHistogram.Histogram;
import org.maftia.bench.harness.MeasurementWindow;
import org.maftia.net.group.GroupConfig;
import org.maftia.net.link.LinkKeyPair;
import org.maftia.replication.ProxyOptions;
import org.maftia.replication.ServiceProxy;

/**
 * N closed-loop clients, as BFT-SMaRt's throughput-latency client: each thread is a client of its
 * own (its own link key, its own {@link ServiceProxy}) that sends an ordered request, waits for
 * the group's reply, and sends the next at once. Latency is recorded for the calls that complete
 * between {@link #beginMeasurement} and {@link #endMeasurement}; calls before are the warm-up.
 * Any exception in a client thread, or a reply of the wrong size, is reported to the
 * {@link Failure} and stops that thread.
 */
final class ClosedLoopClients {

    /** Calls that completed in the measured interval, its length, and their latencies in microseconds. */
    record Result(long calls, double seconds, Histogram latencyMicros) {
        double callsPerSecond() {
            return calls / seconds;
        }
    }

    private static final long LONGEST_MICROS = Duration.ofMinutes(1).toNanos() / 1_000;

    private final List<ServiceProxy> proxies = new ArrayList<>();
    private final List<Thread> threads = new ArrayList<>();
    private final List<Histogram> histograms = new ArrayList<>();
    private final Failure failure;
    private final int replyBytes;
    private final MeasurementWindow window = new MeasurementWindow();
    private volatile boolean stopping;

    private ClosedLoopClients(Failure failure, int replyBytes) {
        this.failure = failure;
        this.replyBytes = replyBytes;
    }

    /** Connects {@code count} clients to {@code group} and starts them calling with requests of {@code requestBytes}. */
    static ClosedLoopClients start(GroupConfig group, int count, int requestBytes, int replyBytes, Failure failure) {
        ClosedLoopClients clients = new ClosedLoopClients(failure, replyBytes);
        SecureRandom random = new SecureRandom();
        try {
            for (int i = 0; i < count; i++) {
                clients.proxies.add(ServiceProxy.connect(group, LinkKeyPair.generate(random), ProxyOptions.DEFAULT));
            }
        } catch (RuntimeException e) {
            clients.proxies.forEach(ServiceProxy::close);
            throw e;
        }
        for (int i = 0; i < count; i++) {
            byte[] request = new byte[requestBytes];
            random.nextBytes(request);
            Histogram histogram = new Histogram(LONGEST_MICROS, 3);
            ServiceProxy proxy = clients.proxies.get(i);
            Thread thread = new Thread(() -> clients.callLoop(proxy, request, histogram), "client-" + i);
            thread.setDaemon(true);
            clients.histograms.add(histogram);
            clients.threads.add(thread);
        }
        clients.threads.forEach(Thread::start);
        return clients;
    }

    private void callLoop(ServiceProxy proxy, byte[] request, Histogram histogram) {
        try {
            while (!stopping) {
                long sent = System.nanoTime();
                byte[] reply = proxy.invokeOrdered(request);
                long answered = System.nanoTime();
                if (reply.length != replyBytes) {
                    failure.report(Thread.currentThread().getName() + " got a reply of " + reply.length + " bytes, not "
                            + replyBytes);
                    return;
                }
                if (window.counts(answered)) {
                    histogram.recordValue(Math.min(LONGEST_MICROS, (answered - sent) / 1_000));
                }
            }
        } catch (RuntimeException | Error e) {
            if (!stopping) {
                failure.report(Thread.currentThread().getName() + " failed: " + Failure.describe(e));
            }
        }
    }

    void beginMeasurement() {
        window.begin();
    }

    void endMeasurement() {
        window.end();
    }

    /**
     * Stops the clients after their call under way and closes their proxies; the measured
     * calls, or null if a thread did not finish within {@code timeout} (reported as a failure).
     */
    Result stop(Duration timeout) throws InterruptedException {
        stopping = true;
        boolean finished = MeasurementWindow.joinAll(threads, timeout);
        proxies.forEach(ServiceProxy::close);
        if (!finished) {
            failure.report("client threads still waiting for replies " + timeout.toSeconds() + " s after the run ended");
            return null;
        }
        Histogram all = new Histogram(LONGEST_MICROS, 3);
        histograms.forEach(all::add);
        return new Result(all.getTotalCount(), window.seconds(), all);
    }
}
