package org.maftia.replication;

import org.maftia.net.client.ClientId;

/**
 * Where a replica's replies to clients go (Protocol 11, line 18: each replica replies to the
 * client): the client's link to this site when it has one, else nowhere (the client votes on the
 * other replicas' replies). Must not block: called on the site's protocol thread.
 */
@FunctionalInterface
public interface ReplySink {

    void send(ClientId client, byte[] frame);
}
