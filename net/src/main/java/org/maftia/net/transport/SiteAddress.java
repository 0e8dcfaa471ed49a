package org.maftia.net.transport;

/**
 * Where a group protocol sends a message (spec 5.2.1, convention 3: messages from P_i to P_j):
 * one site of the group, or all of them, the sender included. On delivery the event's
 * {@code source} is the authenticated {@link SiteId} of the sender and its {@code dest} the
 * receiving site.
 */
public sealed interface SiteAddress permits SiteId, AllSites {

    /** Every site of the group, the sender included. */
    AllSites ALL = AllSites.INSTANCE;
}
