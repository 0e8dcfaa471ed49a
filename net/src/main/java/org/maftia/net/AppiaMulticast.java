package org.maftia.net;

/**
 * The {@code dest} of a sendable event meant for an IP multicast group (spec 3.1.6): the group's
 * address and port.
 */
public record AppiaMulticast(InetWithPort group) {

    public AppiaMulticast {
        if (group == null || !group.host().isMulticastAddress()) {
            throw new IllegalArgumentException("not a multicast address: " + group);
        }
    }

    @Override
    public String toString() {
        return "multicast " + group;
    }
}
