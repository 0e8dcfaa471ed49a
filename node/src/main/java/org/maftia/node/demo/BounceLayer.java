package org.maftia.node.demo;

import org.maftia.appia.Layer;
import org.maftia.appia.SendableEvent;
import org.maftia.appia.Session;

/** Bottom of the demo stack: a loopback "network" that turns every sendable event around. */
public final class BounceLayer extends Layer {

    public BounceLayer() {
        evProvide = events(SendableEvent.class);
        evAccept = events(SendableEvent.class);
    }

    @Override
    public Session createSession() {
        return new BounceSession(this);
    }
}
