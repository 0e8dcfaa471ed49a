package org.maftia.tx.site;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.maftia.group.directory.GroupDirectory;
import org.maftia.net.client.ClientEndpointSettings;
import org.maftia.net.group.GroupConfig;
import org.maftia.net.link.LinkKeyPair;
import org.maftia.replication.CallerGroup;
import org.maftia.replication.GroupCaller;
import org.maftia.replication.ProxyOptions;
import org.maftia.replication.ReplicaOptions;
import org.maftia.replication.ReplicatedService;
import org.maftia.replication.ServedReplica;
import org.maftia.replication.ServiceProxy;
import org.maftia.replication.outcall.OutcallDriver;
import org.maftia.replication.outcall.Outcalls;

/**
 * A site of a transaction manager or resource manager group (spec 3.3.4: "one Appia channel for
 * communicating with the transaction manager group ... one for clients"): the site's replica of
 * the service, serving clients and the other groups on its client address; a link to each group
 * the service calls and one to its own group, with this site's link key as its member's client key;
 * and the driver that sends the group's calls and votes their replies and the clock's ticks.
 */
public final class TxReplica implements AutoCloseable {

    /** The session in which a group calls another: fixed, since the caller's replicated state numbers the calls. */
    static final long CALL_SESSION = 1;

    private final ServedReplica served;
    private final List<AutoCloseable> links;
    private final ScheduledExecutorService timers;
    private final OutcallDriver driver;

    private TxReplica(ServedReplica served, List<AutoCloseable> links, ScheduledExecutorService timers, OutcallDriver driver) {
        this.served = served;
        this.links = links;
        this.timers = timers;
        this.driver = driver;
    }

    /**
     * Starts site {@code id} of the group in {@code groupDirectory} running {@code service}, whose
     * calls go to the groups in {@code callees} (by name) and whose callers are {@code callers};
     * the group's clock ticks (at most) every {@code period}; {@code tamper} is {@link Tamper#NONE}
     * but for a replica corrupted on purpose.
     */
    public static TxReplica start(Path groupDirectory, int id, ReplicatedService service, Outcalls outcalls,
                                  List<CallerGroup> callers, Map<String, GroupConfig> callees, ReplicaOptions options,
                                  Duration period, Tamper tamper) {
        GroupDirectory directory = new GroupDirectory(groupDirectory);
        GroupConfig own = directory.group();
        LinkKeyPair member = directory.linkKeys(id);
        ProxyOptions proxyOptions = ProxyOptions.DEFAULT.withTimeout(Duration.ofSeconds(1));
        List<AutoCloseable> links = new ArrayList<>();
        Map<String, OutcallDriver.Callee> calls = new HashMap<>();
        callees.forEach((name, group) -> {
            GroupCaller caller = GroupCaller.connect(group, member, CALL_SESSION, proxyOptions);
            links.add(caller);
            calls.put(name, tamper.callee(name, caller::call));
        });
        ServiceProxy self = ServiceProxy.connect(own, member, proxyOptions);
        links.add(self);
        ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "tx-" + own.groupId() + "-" + id);
            thread.setDaemon(true);
            return thread;
        });
        // Votes go out from the timer thread: the proxy waits while its window is full, and a
        // reply's thread (a link's reader) must not wait on another link.
        OutcallDriver driver = new OutcallDriver(calls, tamper.self(
                vote -> CompletableFuture.supplyAsync(() -> self.invokeAsync(vote), timers).thenCompose(f -> f)));
        outcalls.onSend(driver::send);
        ServedReplica served = ServedReplica.start(groupDirectory, id, own.groupId(), tamper.service(service), options.withCallers(callers),
                ClientEndpointSettings.defaults());
        timers.scheduleAtFixedRate(() -> served.site().onProtocolThread(() -> driver.period(outcalls.clock())),
                period.toMillis(), period.toMillis(), TimeUnit.MILLISECONDS);
        return new TxReplica(served, links, timers, driver);
    }

    public ServedReplica served() {
        return served;
    }

    /** Calls and votes that failed and were tried again. */
    public long retries() {
        return driver.failures();
    }

    @Override
    public void close() {
        timers.shutdownNow();
        for (AutoCloseable link : links) {
            try {
                link.close();
            } catch (Exception e) {
                // a link that fails to close leaves nothing behind that the process needs
            }
        }
        served.close();
    }
}
