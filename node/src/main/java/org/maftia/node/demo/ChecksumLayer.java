package org.maftia.node.demo;

import org.maftia.appia.Layer;
import org.maftia.appia.SendableEvent;
import org.maftia.appia.Session;

/** Adds a CRC-32C of the message below it as a 4-byte header; drops and counts messages that fail it. */
public final class ChecksumLayer extends Layer {

    public ChecksumLayer() {
        evAccept = events(SendableEvent.class);
    }

    @Override
    public Session createSession() {
        return new ChecksumSession(this);
    }
}
