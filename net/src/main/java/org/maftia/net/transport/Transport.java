package org.maftia.net.transport;

import org.maftia.appia.Channel;
import org.maftia.appia.Direction;
import org.maftia.appia.SendableEvent;
import org.maftia.appia.Session;

/**
 * How a group protocol session sends (spec 5.2.1, convention 3): an event of its own sendable
 * class, down its channel, to one site or to all. Below it, the authenticated link (or the
 * simulated network) delivers it to each destination's channel with {@code source} set to the
 * sender's authenticated {@link SiteId}.
 */
public final class Transport {

    private Transport() {
    }

    /** Sends {@code event} from {@code session} to {@code to}; the session's layer must provide its class. */
    public static void send(Session session, Channel channel, SendableEvent event, SiteAddress to) {
        event.dest = to;
        event.setChannel(channel);
        event.setDirection(Direction.down());
        event.setSource(session);
        event.init();
        event.go();
    }

    /** The authenticated sender of a received event, or -1 if it did not come through a group transport. */
    public static int sender(SendableEvent received) {
        return received.source instanceof SiteId id ? id.id() : -1;
    }
}
