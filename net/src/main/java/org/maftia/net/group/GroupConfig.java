package org.maftia.net.group;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.maftia.net.InetWithPort;

/**
 * A group of {@code n} sites tolerating {@code t} Byzantine ones ({@code n > 3t}), with ids
 * {@code 0..n-1} in order (docs/architecture.md), and the clients it serves. Built by
 * {@link GroupConfigLoader}, which validates everything; the constructor checks the invariants
 * again.
 */
public record GroupConfig(String groupId, int n, int t, List<SiteConfig> sites, ClientAccess clients) {

    public GroupConfig {
        sites = List.copyOf(sites);
        if (groupId == null || groupId.isBlank()) {
            throw new ConfigException("group: the group id is empty; give it a name, e.g. group: bank");
        }
        if (sites.size() != n) {
            throw new ConfigException("n: " + n + " but " + sites.size() + " sites are listed");
        }
        if (t < 0 || n <= 3 * t) {
            throw new ConfigException("t: " + t + " with n = " + n + " breaks n > 3t; use t <= " + Math.max(0, (n - 1) / 3));
        }
        if (clients == null) {
            throw new ConfigException("clients: missing; say clients: any, or list them with name and key");
        }
        Set<InetWithPort> endpoints = new HashSet<>();
        for (int i = 0; i < n; i++) {
            SiteConfig s = sites.get(i);
            if (s.id() != i) {
                throw new ConfigException("sites[" + i + "].id: " + s.id() + "; ids must be 0..n-1 in order");
            }
            if (!endpoints.add(s.address())) {
                throw new ConfigException("sites[" + i + "].address: " + s.address() + " is also used by another site; give each its own port");
            }
            if (s.clientAddress() != null && !endpoints.add(s.clientAddress())) {
                throw new ConfigException("sites[" + i + "].clientAddress: " + s.clientAddress()
                        + " is also used by another site; give each its own port");
            }
        }
    }

    /** A group that admits no client. */
    public GroupConfig(String groupId, int n, int t, List<SiteConfig> sites) {
        this(groupId, n, t, sites, ClientAccess.listed(java.util.Map.of()));
    }

    public SiteConfig site(int id) {
        if (id < 0 || id >= n) {
            throw new ConfigException("site " + id + " is not in group '" + groupId + "' (ids 0.." + (n - 1) + ")");
        }
        return sites.get(id);
    }

    public InetWithPort address(int id) {
        return site(id).address();
    }
}
