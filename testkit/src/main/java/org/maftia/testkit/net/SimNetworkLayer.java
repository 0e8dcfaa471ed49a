package org.maftia.testkit.net;

import org.maftia.appia.ChannelInit;
import org.maftia.appia.Layer;
import org.maftia.appia.SendableEvent;
import org.maftia.appia.Session;

/**
 * The bottom of a simulated site's channel, in place of the network and authenticated-link
 * layers, under the same contract: events going down addressed to a
 * {@link org.maftia.net.transport.SiteId} or to all sites; events coming up with the sender's
 * {@code SiteId} as source.
 */
public final class SimNetworkLayer extends Layer {

    private final SimulatedNetwork network;
    private final int site;

    SimNetworkLayer(SimulatedNetwork network, int site) {
        this.network = network;
        this.site = site;
        evProvide = events(SendableEvent.class, SimDeliveryEvent.class);
        evAccept = events(SendableEvent.class, SimDeliveryEvent.class, ChannelInit.class);
    }

    @Override
    public Session createSession() {
        return new SimNetworkSession(this, network, site);
    }
}
