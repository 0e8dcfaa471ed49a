package org.maftia.group.core;

import org.maftia.appia.ChannelInit;
import org.maftia.appia.Layer;
import org.maftia.appia.Session;

/**
 * The top of a site's channel: routes group messages to protocol instances by protocol id. Below
 * it: the authenticated link over TCP, or the simulated network.
 */
public final class GroupLayer extends Layer {

    private final GroupParameters parameters;

    public GroupLayer(GroupParameters parameters) {
        this.parameters = parameters;
        evProvide = events(GroupMessageEvent.class);
        evAccept = events(GroupMessageEvent.class, ChannelInit.class);
    }

    @Override
    public Session createSession() {
        return new GroupSession(this, parameters);
    }
}
