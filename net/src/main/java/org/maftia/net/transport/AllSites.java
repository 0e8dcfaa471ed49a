package org.maftia.net.transport;

/** Every site of the group, the sender included; use {@link SiteAddress#ALL}. */
public enum AllSites implements SiteAddress {
    INSTANCE;

    @Override
    public String toString() {
        return "all sites";
    }
}
