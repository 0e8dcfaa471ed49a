package org.maftia.node.demo;

import org.maftia.appia.Layer;
import org.maftia.appia.SendableEvent;
import org.maftia.appia.Session;

/** Numbers the messages going down and checks that they come up in FIFO order, without gaps. */
public final class SequenceLayer extends Layer {

    public SequenceLayer() {
        evAccept = events(SendableEvent.class);
    }

    @Override
    public Session createSession() {
        return new SequenceSession(this);
    }
}
