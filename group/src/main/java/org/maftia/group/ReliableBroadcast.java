package org.maftia.group;

import org.maftia.group.rbc.Rbc;

/**
 * Reliable broadcast (spec 3.2; Protocol 5, RBC): all honest parties deliver the same payload or
 * none does, and they deliver the sender's payload when the sender is honest.
 */
public class ReliableBroadcast extends Broadcast {

    private final Rbc instance;

    /** As in the spec: at the site {@link Site#current()} resolves. */
    public ReliableBroadcast(String protocolID, String groupID, int sender) {
        this(Site.current(), protocolID, groupID, sender);
    }

    public ReliableBroadcast(Site site, String protocolID, String groupID, int sender) {
        super(site, protocolID, groupID, sender);
        this.instance = new Rbc(protocolID, sender, Rbc.DEFAULT_MAX_PAYLOAD, delivered::complete);
        site.start(instance);
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
