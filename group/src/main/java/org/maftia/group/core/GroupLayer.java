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
    private final GroupKeys keys;
    private final InetWithPort listen;
    private final VerificationStage stage;

    /**
     * The session of site {@code parameters.self()} with its {@code keys}; on a real network it asks
     * the network layer to listen on {@code listen} at start (null: nothing to open), and checks
     * incoming messages in {@code stage}.
     */
    public GroupLayer(GroupParameters parameters, GroupKeys keys, InetWithPort listen, VerificationStage stage) {
        this.parameters = parameters;
        this.keys = keys;
        this.listen = listen;
        this.stage = stage;
        evProvide = events(GroupMessageEvent.class, RegisterSocketEvent.class);
        evAccept = events(GroupMessageEvent.class, RegisterSocketEvent.class, ChannelInit.class);
    }

    @Override
    public Session createSession() {
        return new GroupSession(this, parameters, keys, listen, stage);
    }
}
