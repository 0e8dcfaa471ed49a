package org.maftia.group;

/**
 * What every communication service has (spec 3.2, 5.2.1, Figure 5.1): a protocol id unique in its
 * group, the group, and a way to give up.
 */
public abstract class Protocol {

    protected final GroupSite site;
    protected final String protocolID;

    protected Protocol(GroupSite site, String protocolID, String groupID) {
        if (protocolID == null || protocolID.isEmpty()) {
            throw new IllegalArgumentException("a protocol needs a non-empty id, unique in its group");
        }
        site.checkGroup(groupID);
        this.site = site;
        this.protocolID = protocolID;
    }

    public String getProtocolID() {
        return protocolID;
    }

    public String getGroupID() {
        return site.parameters().groupId();
    }

    /** Stops taking part; the instance's state is freed and calls waiting on it fail. */
    public abstract void abort();
}
