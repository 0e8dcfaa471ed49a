package org.maftia.group.core;

import org.maftia.appia.ChannelInit;
import org.maftia.appia.Layer;
import org.maftia.appia.Session;
import org.maftia.net.InetWithPort;
import org.maftia.net.RegisterSocketEvent;

/**
 * The top of a site's channel: routes group messages to protocol instances by protocol id. Below
 * it: the authenticated link over TCP, or the simulated network.
 */
public final class GroupLayer extends Layer {

    private final GroupParameters parameters;
    private final InetWithPort listen;

    /** For a simulated network: no socket to open. */
    public GroupLayer(GroupParameters parameters) {
        this(parameters, null);
    }

    /** For a real network: the session asks the network layer to listen on {@code listen} at start. */
    public GroupLayer(GroupParameters parameters, InetWithPort listen) {
        this.parameters = parameters;
        this.listen = listen;
        evProvide = events(GroupMessageEvent.class, RegisterSocketEvent.class);
        evAccept = events(GroupMessageEvent.class, RegisterSocketEvent.class, ChannelInit.class);
    }

    @Override
    public Session createSession() {
        return new GroupSession(this, parameters, listen);
    }
}
