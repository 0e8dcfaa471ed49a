package org.maftia.replication;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.maftia.crypto.MalformedEncodingException;
import org.maftia.group.Site;
import org.maftia.group.abc.Abc;
import org.maftia.group.core.SiteRuntime;
import org.maftia.group.core.WireLimits;
import org.maftia.group.stream.StreamEntry;
import org.maftia.net.client.ClientId;
import org.maftia.net.tcp.TcpSettings;
import org.maftia.replication.replica.ReplicaInstance;
import org.maftia.replication.wire.ClientRequest;

/**
 * A replicated service's replica at one site (spec 5.3.3): requests that clients send to this site
 * are broadcast to the group (Open Group), every request the group's atomic broadcast delivers is
 * executed in that order and answered (Invocation), and a site whose process restarted takes the
 * state t+1 others vouch for before it takes part (state transfer). Every site of the group hosts
 * one replica of the service under the same {@code serviceId}.
 *
 * <p>Thread-safety: {@link #received} and the status calls may be called from any thread; the
 * service runs on the site's protocol thread.
 */
public final class ServiceReplica implements AutoCloseable {

    /** What a replica reports about itself. */
    public record Status(boolean running, long round, long executed, long checkpointRound, ReplicaCounts counters) {
    }

    private final Site site;
    private final ReplicaInstance instance;
    private final ScheduledExecutorService scheduler;
    private long malformedFrames;

    /**
     * A replica driven by {@code ticks}; the simulation's constructor.
     *
     * @throws IllegalArgumentException if a request of {@code options.maxRequestBytes()} cannot travel in the group's broadcast
     */
    public ServiceReplica(Site site, String serviceId, ReplicatedService service, ReplicaOptions options, ReplySink replies,
                          Ticks ticks) {
        this(site, serviceId, service, options, replies, ticks, null);
    }

    private ServiceReplica(Site site, String serviceId, ReplicatedService service, ReplicaOptions options, ReplySink replies,
                           Ticks ticks, ScheduledExecutorService scheduler) {
        this.site = site;
        this.scheduler = scheduler;
        Abc.Settings abc = abcSettings(site, options);
        SiteRuntime runtime = SiteRuntime.of(site);
        this.instance = new ReplicaInstance(serviceId, runtime.keys(), service, options, abc, replies);
        runtime.start(instance);
        ticks.every(options.retry().dividedBy(2), () -> site.onProtocolThread(instance::tick));
    }

    /** A replica in a process: its housekeeping on a scheduler thread of its own. */
    public static ServiceReplica start(Site site, String serviceId, ReplicatedService service, ReplicaOptions options,
                                       ReplySink replies) {
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "replica-ticks-" + serviceId);
            thread.setDaemon(true);
            return thread;
        });
        Ticks ticks = (period, task) -> scheduler.scheduleAtFixedRate(task, period.toMillis(), period.toMillis(), TimeUnit.MILLISECONDS);
        return new ServiceReplica(site, serviceId, service, options, replies, ticks, scheduler);
    }

    /**
     * The bounds of the service's atomic broadcast: the defaults, with batches large enough for the
     * largest request, and refused if such a batch cannot travel in a frame for this group.
     */
    private static Abc.Settings abcSettings(Site site, ReplicaOptions options) {
        Abc.Settings d = Abc.Settings.DEFAULT;
        int largest = options.maxRequestBytes() + 32 + 8 + 8 + 4 + StreamEntry.Data.OVERHEAD_BYTES;
        int batchBytes = Math.max(d.maxBatchBytes(), largest);
        new WireLimits(TcpSettings.DEFAULTS.maxFrameBytes(), site.n()).requireAbcBatch(d.maxBatch(), batchBytes);
        return new Abc.Settings(d.maxBatch(), batchBytes, d.roundsAhead(), d.roundsKept(), d.roundsRemembered(),
                d.decisionsKept(), d.decisionBytes());
    }

    /** A frame from {@code client} over its authenticated link: a request, or garbage dropped and counted. */
    public void received(ClientId client, byte[] frame) {
        ClientRequest request;
        try {
            request = ClientRequest.decode(frame);
        } catch (MalformedEncodingException e) {
            synchronized (this) {
                malformedFrames++;
            }
            return;
        }
        site.onProtocolThread(() -> instance.onClientRequest(client, request));
    }

    /** Frames from clients that were not requests. */
    public synchronized long malformedFrames() {
        return malformedFrames;
    }

    /** The replica's status, read on the protocol thread: the future completes when that thread ran. */
    public CompletableFuture<Status> status() {
        return site.onProtocolThread(() -> { }).thenApply(v -> new Status(instance.running(), instance.round(),
                instance.executed(), instance.latestCheckpointRound(), instance.counters().snapshot()));
    }

    /** The service's snapshot now, read on the protocol thread (for tests and operators comparing replicas). */
    public CompletableFuture<byte[]> serviceSnapshot() {
        return site.onProtocolThread(() -> { }).thenApply(v -> instance.serviceSnapshot());
    }

    /** Waits until the replica runs (it recovered, or the group began), at most {@code timeout}; false if it did not. */
    public boolean awaitRunning(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!status().join().running()) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(20); // polling the protocol thread: cheap, and only while a site starts
        }
        return true;
    }

    @Override
    public void close() {
        if (scheduler != null) {
            scheduler.shutdownNow();
        }
        site.onProtocolThread(instance::abort);
    }
}
