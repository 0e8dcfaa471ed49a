package org.maftia.node.demo;

import org.maftia.appia.Direction;
import org.maftia.appia.Event;
import org.maftia.appia.SendableEvent;
import org.maftia.appia.Session;

/**
 * Receives what goes down and delivers it back up as a network would (spec 2.1.3, SendableEvent):
 * a new event of the same class, created by this session, with the same source, dest and bytes.
 */
final class BounceSession extends Session {

    BounceSession(BounceLayer layer) {
        super(layer);
    }

    @Override
    public void handle(Event event) {
        if (event instanceof SendableEvent sent && sent.getDirection().isDown()) {
            try {
                SendableEvent received = (SendableEvent) sent.cloneEvent();
                received.setDirection(Direction.up());
                received.setSource(this);
                received.init();
                received.go();
            } catch (CloneNotSupportedException e) {
                throw new IllegalStateException(sent.getClass() + " cannot be copied", e);
            }
        } else {
            event.go();
        }
    }
}
