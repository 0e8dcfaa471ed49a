package org.maftia.replication;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import org.maftia.group.Site;
import org.maftia.group.directory.GroupDirectory;
import org.maftia.net.client.ClientAdmission;
import org.maftia.net.client.ClientEndpoint;
import org.maftia.net.client.ClientEndpointSettings;
import org.maftia.net.client.ClientSession;
import org.maftia.net.group.ClientAccess;
import org.maftia.net.group.GroupConfig;
import org.maftia.net.group.SiteConfig;

/**
 * A site of a group hosting one replica of a service and serving its clients: the site from its
 * group directory, the replica, and the client endpoint on the site's client address, admitting
 * the clients the group file admits (spec 5.3.3: open groups). What {@code maftia site} runs.
 */
public final class ServedReplica implements AutoCloseable {

    private final Site site;
    private final ServiceReplica replica;
    private final ClientEndpoint endpoint;

    private ServedReplica(Site site, ServiceReplica replica, ClientEndpoint endpoint) {
        this.site = site;
        this.replica = replica;
        this.endpoint = endpoint;
    }

    /**
     * Starts site {@code id} of the group in {@code groupDirectory} with a replica of
     * {@code service} under {@code serviceId}, serving clients on its client address.
     *
     * @throws org.maftia.net.group.ConfigException if the group file gives the site no client address
     * @throws UncheckedIOException if the client address cannot be bound
     */
    public static ServedReplica start(Path groupDirectory, int id, String serviceId, ReplicatedService service,
                                      ReplicaOptions options, ClientEndpointSettings clientSettings) {
        GroupDirectory directory = new GroupDirectory(groupDirectory);
        GroupConfig group = directory.group();
        SiteConfig self = group.site(id);
        if (self.clientEndpoint().isEmpty()) {
            throw new org.maftia.net.group.ConfigException(groupDirectory.resolve(GroupDirectory.GROUP_FILE) + ": sites[" + id
                    + "].clientAddress: missing; a site serves clients on it (maftia keygen writes it)");
        }
        Site site = Site.load(groupDirectory, id);
        ClientEndpoint[] endpoint = new ClientEndpoint[1];
        ServiceReplica replica = ServiceReplica.start(site, serviceId, service, options,
                (client, frame) -> endpoint[0].session(client).ifPresent(s -> s.send(frame)));
        try {
            endpoint[0] = ClientEndpoint.open(self.clientEndpoint().get().toSocketAddress(), directory.linkKeys(id),
                    admission(group.clients()), clientSettings, new ClientEndpoint.Handler() {
                        @Override
                        public void received(ClientSession from, byte[] frame) {
                            replica.received(from.client(), frame);
                        }
                    });
        } catch (IOException e) {
            replica.close();
            site.close();
            throw new UncheckedIOException("cannot serve clients on " + self.clientEndpoint().get() + ": " + e.getMessage(), e);
        }
        return new ServedReplica(site, replica, endpoint[0]);
    }

    /** The group file's admission list as the client endpoint asks it. */
    static ClientAdmission admission(ClientAccess access) {
        if (access.admitsAny()) {
            return ClientAdmission.any();
        }
        return key -> access.nameOf(key);
    }

    public Site site() {
        return site;
    }

    public ServiceReplica replica() {
        return replica;
    }

    public ClientEndpoint endpoint() {
        return endpoint;
    }

    /** Stops serving clients, then the replica, then the site. */
    @Override
    public void close() {
        endpoint.close();
        replica.close();
        site.close();
    }
}
