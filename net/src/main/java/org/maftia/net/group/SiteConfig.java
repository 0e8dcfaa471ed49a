package org.maftia.net.group;

import java.util.Map;
import java.util.Optional;
import org.maftia.net.InetWithPort;

/**
 * One site of a group: its id, the address its network layer listens on, its public keys (the
 * X25519 key its authenticated links are derived from and, optionally, the others the suite of
 * the group needs, by name) and the address it serves clients on, if it serves any
 * ({@code clientAddress} is null when it does not).
 */
public record SiteConfig(int id, InetWithPort address, byte[] linkPublicKey, Map<String, byte[]> publicKeys,
                         InetWithPort clientAddress) {

    public SiteConfig {
        publicKeys = Map.copyOf(publicKeys);
        linkPublicKey = linkPublicKey.clone();
        if (address.equals(clientAddress)) {
            throw new ConfigException("sites[" + id + "].clientAddress: " + clientAddress
                    + " is also the site's address; give clients their own port");
        }
    }

    /** A site that serves no clients. */
    public SiteConfig(int id, InetWithPort address, byte[] linkPublicKey, Map<String, byte[]> publicKeys) {
        this(id, address, linkPublicKey, publicKeys, null);
    }

    /** Where the site serves clients, if it does. */
    public Optional<InetWithPort> clientEndpoint() {
        return Optional.ofNullable(clientAddress);
    }

    @Override
    public byte[] linkPublicKey() {
        return linkPublicKey.clone();
    }
}
