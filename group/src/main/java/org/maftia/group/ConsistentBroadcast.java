package org.maftia.group;

import org.maftia.crypto.ThresholdParameters;
import org.maftia.group.core.GroupKeys;
import org.maftia.group.vcbc.Vcbc;

/**
 * Consistent broadcast (spec 3.2; Protocol 6, VCBC): honest parties that deliver, deliver the same
 * payload, and all deliver the sender's payload when the sender is honest; unlike reliable
 * broadcast, some honest parties may deliver nothing when the sender is corrupted.
 *
 * <p>The keys are the site's dealt {@link GroupKeys}: its share of VCBC's (n, ceil((n+t+1)/2), t)
 * threshold signature.
 */
public class ConsistentBroadcast extends Broadcast {

    protected final Vcbc instance;
    protected final GroupKeys keys;

    public ConsistentBroadcast(GroupSite site, String protocolID, String groupID, int sender, GroupKeys keys) {
        this(site, protocolID, groupID, sender, keys, false);
    }

    /** As in the spec, plus the keys: the site is the one bound to this thread ({@link GroupSite#enter()}). */
    public ConsistentBroadcast(String protocolID, String groupID, int sender, GroupKeys keys) {
        this(GroupSite.current(), protocolID, groupID, sender, keys);
    }

    ConsistentBroadcast(GroupSite site, String protocolID, String groupID, int sender, GroupKeys keys, boolean verifiable) {
        super(site, protocolID, groupID, sender);
        this.keys = checkedKeys(site, keys);
        this.instance = new Vcbc(protocolID, sender, keys.vcbc(), Vcbc.DEFAULT_MAX_PAYLOAD, verifiable, this::onDeliver);
        site.start(instance);
    }

    /**
     * {@code keys}, once checked to hold the site's share of VCBC's signature.
     *
     * @throws IllegalArgumentException if they are another site's, or of another scheme
     */
    static GroupKeys checkedKeys(GroupSite site, GroupKeys keys) {
        var p = site.parameters();
        ThresholdParameters expected = ThresholdParameters.honestMajority(p.n(), p.t());
        if (!keys.vcbcKey().parameters().equals(expected) || keys.vcbc().index() != p.self()) {
            throw new IllegalArgumentException("the VCBC key " + keys.vcbcKey().parameters() + " of holder "
                    + keys.vcbc().index() + " is not site " + p.self() + "'s share of an " + expected
                    + " signature (Protocol 6 needs (n, ceil((n+t+1)/2), t))");
        }
        return keys;
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
