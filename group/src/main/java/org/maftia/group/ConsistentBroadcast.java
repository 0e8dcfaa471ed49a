package org.maftia.group;

import org.maftia.group.vcbc.Vcbc;

/**
 * Consistent broadcast (spec 3.2; Protocol 6, VCBC): honest parties that deliver, deliver the same
 * payload, and all deliver the sender's payload when the sender is honest; unlike reliable
 * broadcast, some honest parties may deliver nothing when the sender is corrupted.
 *
 * <p>The site signs with its share of the {@link KeyPurpose#VCBC} key.
 */
public class ConsistentBroadcast extends Broadcast {

    final Vcbc instance;

    /** As in the spec: at the site {@link Site#current()} resolves. */
    public ConsistentBroadcast(String protocolID, String groupID, int sender) {
        this(Site.current(), protocolID, groupID, sender);
    }

    public ConsistentBroadcast(Site site, String protocolID, String groupID, int sender) {
        this(site, protocolID, groupID, sender, false);
    }

    ConsistentBroadcast(Site site, String protocolID, String groupID, int sender, boolean verifiable) {
        super(site, protocolID, groupID, sender);
        this.instance = new Vcbc(protocolID, sender, site.groupKeys().vcbc(), Vcbc.DEFAULT_MAX_PAYLOAD, verifiable, this::onDeliver);
        site.start(instance);
    }

    /** On the protocol thread, when Protocol 6 outputs (deliver, m̄). */
    protected void onDeliver(byte[] m) {
        delivered.complete(m);
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
