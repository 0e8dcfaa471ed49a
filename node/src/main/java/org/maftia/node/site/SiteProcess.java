package org.maftia.node.site;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.maftia.group.directory.GroupDirectory;
import org.maftia.net.client.ClientEndpointSettings;
import org.maftia.net.group.GroupConfig;
import org.maftia.replication.ReplicaOptions;
import org.maftia.replication.ReplicatedService;
import org.maftia.replication.ServedReplica;

/**
 * What {@code maftia site} runs: one site of a group hosting a replica of a service
 * ({@link ServedReplica}), with its admin socket answering its status. Stopping it stops the admin
 * socket first (a status asked while stopping finds no one rather than a half-closed site).
 */
public final class SiteProcess implements AutoCloseable {

    /** How long the site's network may take to listen on the site's address. */
    private static final Duration LISTEN_TIMEOUT = Duration.ofSeconds(10);

    private final GroupConfig group;
    private final int site;
    private final String serviceId;
    private final ServedReplica served;
    private final AdminSocket admin;
    private final java.util.concurrent.atomic.AtomicBoolean closed = new java.util.concurrent.atomic.AtomicBoolean();

    private SiteProcess(GroupConfig group, int site, String serviceId, ServedReplica served, AdminSocket admin) {
        this.group = group;
        this.site = site;
        this.serviceId = serviceId;
        this.served = served;
        this.admin = admin;
    }

    /**
     * Starts site {@code site} of the group in {@code groupDirectory} serving {@code service} under
     * {@code serviceId}; returns once it listens on both its addresses and its admin socket.
     *
     * @throws IllegalArgumentException (or {@link org.maftia.net.group.ConfigException}) naming what is wrong in the group directory
     * @throws IllegalStateException    if the admin socket cannot be taken (another process runs this site)
     * @throws java.io.UncheckedIOException if an address cannot be bound
     */
    public static SiteProcess start(Path groupDirectory, int site, String serviceId, ReplicatedService service)
            throws InterruptedException {
        GroupDirectory directory = new GroupDirectory(groupDirectory);
        GroupConfig group = directory.group();
        if (site < 0 || site >= group.n()) {
            throw new IllegalArgumentException("--site " + site + ": group '" + group.groupId() + "' of "
                    + groupDirectory.resolve(GroupDirectory.GROUP_FILE) + " has sites 0.." + (group.n() - 1));
        }
        SiteLogging.label(group.groupId() + "/" + site);
        ServedReplica served = ServedReplica.start(groupDirectory, site, serviceId, service, ReplicaOptions.DEFAULT,
                ClientEndpointSettings.defaults());
        try {
            awaitListening(served, group, site);
            SiteStatusReport report = new SiteStatusReport(group.groupId(), site, serviceId, served);
            AdminSocket admin = AdminSocket.open(directory.siteDirectory(site), report::line, "admin-" + group.groupId() + "-" + site);
            return new SiteProcess(group, site, serviceId, served, admin);
        } catch (InterruptedException | RuntimeException e) {
            served.close();
            throw e;
        }
    }

    private static void awaitListening(ServedReplica served, GroupConfig group, int site) throws InterruptedException {
        try {
            served.site().listening().get(LISTEN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new java.io.UncheckedIOException(new java.io.IOException("cannot listen on " + group.address(site)
                    + " for the other sites: " + e.getCause().getMessage(), e.getCause()));
        } catch (TimeoutException e) {
            throw new java.io.UncheckedIOException(new java.io.IOException("not listening on " + group.address(site)
                    + " for the other sites after " + LISTEN_TIMEOUT.toSeconds() + " s"));
        }
    }

    /** The line an operator reads once the site runs. */
    public String describe() {
        String clients = group.clients().admitsAny() ? "any" : "listed " + group.clients().listed().size();
        return "site " + site + " of group " + group.groupId() + ": serving " + serviceId + " on "
                + group.site(site).clientEndpoint().orElseThrow() + " (clients: " + clients + "); status: " + admin.path();
    }

    public ServedReplica served() {
        return served;
    }

    /** Stops answering status, then serving. Idempotent. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        admin.close();
        served.close();
    }
}
