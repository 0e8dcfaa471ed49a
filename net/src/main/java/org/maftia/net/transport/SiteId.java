package org.maftia.net.transport;

/** A site of the group, {@code 0..n-1} (the specification's P_1..P_n). */
public record SiteId(int id) implements SiteAddress {

    public SiteId {
        if (id < 0) {
            throw new IllegalArgumentException("site ids are 0..n-1, not " + id);
        }
    }

    public static SiteId of(int id) {
        return new SiteId(id);
    }

    @Override
    public String toString() {
        return "site " + id;
    }
}
