package org.maftia.net.group;

import org.maftia.net.InetWithPort;

/**
 * One site of a group: its id, the address its network layer listens on, and its public keys:
 * the X25519 key its authenticated links are derived from, and (optionally) the others the
 * suite of the group needs, by name.
 */
public record SiteConfig(int id, InetWithPort address, byte[] linkPublicKey, java.util.Map<String, byte[]> publicKeys) {

    public SiteConfig {
        publicKeys = java.util.Map.copyOf(publicKeys);
        linkPublicKey = linkPublicKey.clone();
    }

    @Override
    public byte[] linkPublicKey() {
        return linkPublicKey.clone();
    }
}
