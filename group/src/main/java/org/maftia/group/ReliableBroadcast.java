package org.maftia.group;

import org.maftia.group.rbc.Rbc;

/**
 * Reliable broadcast (spec 3.2; Protocol 5, RBC): all honest parties deliver the same payload or
 * none does, and they deliver the sender's payload when the sender is honest.
 */
public class ReliableBroadcast extends Broadcast {

    private final Rbc instance;

    public ReliableBroadcast(GroupSite site, String protocolID, String groupID, int sender) {
        super(site, protocolID, groupID, sender);
        this.instance = new Rbc(protocolID, sender, Rbc.DEFAULT_MAX_PAYLOAD, delivered::complete);
        site.start(instance);
    }

    /** As in the spec: the site is the one bound to this thread ({@link GroupSite#enter()}). */
    public ReliableBroadcast(String protocolID, String groupID, int sender) {
        this(GroupSite.current(), protocolID, groupID, sender);
    }

    @Override
    public void send(byte[] m) {
        sendFromSender(m, instance::broadcast);
    }

    @Override
    public void abort() {
        abortInstance(instance);
    }
}
