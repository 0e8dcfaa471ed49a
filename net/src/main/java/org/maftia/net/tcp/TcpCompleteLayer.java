package org.maftia.net.tcp;

import org.maftia.appia.ChannelClose;
import org.maftia.appia.ChannelInit;
import org.maftia.appia.Layer;
import org.maftia.appia.SendableEvent;
import org.maftia.appia.Session;
import org.maftia.net.RegisterSocketEvent;

/**
 * TcpComplete: sendable events as length-prefixed frames over TCP. Each site keeps one outbound
 * connection per peer it sends to (opened on first use, reopened with back-off when it fails) and
 * receives over the connections its peers open; frames to a peer queue while it is unreachable,
 * up to {@link TcpSettings#maxQueuedBytesPerPeer()}, and are dropped and counted beyond that.
 * Under the authenticated link give it the link's {@link ConnectionAuthenticator}: connections are
 * then admitted only from the sites of the group (see the package note). Open the listening socket
 * with a {@link RegisterSocketEvent}.
 */
public class TcpCompleteLayer extends Layer {

    private final TcpSettings settings;
    private final ConnectionAuthenticator authenticator;

    /** Without authentication: for tests and trusted networks only (see {@link #TcpCompleteLayer(TcpSettings)}). */
    public TcpCompleteLayer() {
        this(TcpSettings.DEFAULTS);
    }

    /**
     * Without authentication of connections: anyone who can reach the port can make the site read
     * frames (bounded by the bytes it actually sends). For tests and trusted networks only.
     */
    public TcpCompleteLayer(TcpSettings settings) {
        this(settings, null);
    }

    /**
     * Connections admitted by {@code authenticator}: only a site of the group that proves itself
     * gets a frame read, and this site sends only to the site it dialled.
     */
    public TcpCompleteLayer(TcpSettings settings, ConnectionAuthenticator authenticator) {
        this.settings = settings;
        this.authenticator = authenticator;
        evProvide = events(SendableEvent.class, TcpAsyncEvent.class, RegisterSocketEvent.class);
        evAccept = events(SendableEvent.class, TcpAsyncEvent.class, RegisterSocketEvent.class,
                ChannelInit.class, ChannelClose.class);
    }

    @Override
    public Session createSession() {
        return new TcpCompleteSession(this, settings, authenticator);
    }
}
