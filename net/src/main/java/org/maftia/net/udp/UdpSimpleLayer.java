package org.maftia.net.udp;

import org.maftia.appia.ChannelClose;
import org.maftia.appia.ChannelInit;
import org.maftia.appia.Layer;
import org.maftia.appia.SendableEvent;
import org.maftia.appia.Session;
import org.maftia.net.RegisterSocketEvent;

/**
 * UdpSimple (spec 3.1.6): sends every sendable event going down as one datagram to its
 * {@code dest} ({@link org.maftia.net.InetWithPort}) and delivers every datagram received as the
 * same kind of event going up. Bottom of a channel; open its socket with a
 * {@link RegisterSocketEvent}.
 */
public class UdpSimpleLayer extends Layer {

    public UdpSimpleLayer() {
        evProvide = events(SendableEvent.class, UdpAsyncEvent.class, RegisterSocketEvent.class);
        evAccept = events(SendableEvent.class, UdpAsyncEvent.class, RegisterSocketEvent.class,
                ChannelInit.class, ChannelClose.class);
    }

    @Override
    public Session createSession() {
        return new UdpSimpleSession(this);
    }
}
