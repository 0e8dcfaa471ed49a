package org.maftia.replication;

import org.maftia.net.client.ClientId;

/**
 * Who made a request (spec 5.3.3): the client, authenticated by its link key, its session (one
 * per {@link ServiceProxy}), and the request's number in that session. Numbers give each client's
 * requests sequential consistency and let the replicas drop duplicates (Protocol 13).
 */
public record Invoker(ClientId client, long session, long sequence) {
}
