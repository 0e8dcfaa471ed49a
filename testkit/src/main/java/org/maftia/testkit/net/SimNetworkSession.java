package org.maftia.testkit.net;

import org.maftia.appia.ChannelInit;
import org.maftia.appia.Direction;
import org.maftia.appia.Event;
import org.maftia.appia.SendableEvent;
import org.maftia.appia.Session;
import org.maftia.net.transport.SiteId;

/** The session of {@link SimNetworkLayer}: hands what goes down to the network, sends up what it delivers. */
final class SimNetworkSession extends Session {

    private final SimulatedNetwork network;
    private final int site;

    SimNetworkSession(SimNetworkLayer layer, SimulatedNetwork network, int site) {
        super(layer);
        this.network = network;
        this.site = site;
    }

    @Override
    public void handle(Event event) {
        switch (event) {
            case ChannelInit init -> {
                network.attach(site, init.getChannel());
                init.go();
            }
            case SimDeliveryEvent delivery -> {
                SendableEvent e = delivery.delivered;
                e.dest = SiteId.of(site);
                e.setChannel(delivery.getChannel());
                e.setDirection(Direction.up());
                e.setSource(this);
                e.init();
                e.go();
            }
            case SendableEvent sent when sent.getDirection().isDown() -> network.send(site, sent);
            default -> event.go();
        }
    }
}
