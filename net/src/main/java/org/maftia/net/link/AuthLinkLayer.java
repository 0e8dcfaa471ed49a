package org.maftia.net.link;

import org.maftia.appia.ChannelInit;
import org.maftia.appia.Layer;
import org.maftia.appia.SendableEvent;
import org.maftia.appia.Session;

/**
 * Authenticated point-to-point links between the sites of a group (the role IPSec plays in spec
 * 3.1.3 and 5.1.3; convention 4 of 5.2.1: "network messages are presumed to be MACed").
 *
 * <p>Goes right above the network layer (TCP or UDP). Going down, a sendable event addressed to a
 * {@link org.maftia.net.transport.SiteId} or to {@link org.maftia.net.transport.SiteAddress#ALL}
 * gets, per destination, a header (version, mode, from, to, sender epoch, sequence number) and a
 * tag (HMAC-SHA256 truncated to 128 bits, or AES-256-GCM over the payload), and the destination's
 * network address. Going up, a frame is delivered only if it is addressed to this site, comes
 * from a site of the group, is fresh and authenticates; its {@code source} is then the sender's
 * {@code SiteId}. Everything else is dropped and counted by {@link LinkDrop} reason.
 */
public class AuthLinkLayer extends Layer {

    private final LinkSettings settings;

    public AuthLinkLayer(LinkSettings settings) {
        this.settings = settings;
        evProvide = events(SendableEvent.class);
        evAccept = events(SendableEvent.class, ChannelInit.class);
    }

    @Override
    public Session createSession() {
        return new AuthLinkSession(this, settings);
    }
}
