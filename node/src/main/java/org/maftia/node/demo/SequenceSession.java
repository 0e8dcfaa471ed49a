package org.maftia.node.demo;

import org.maftia.appia.Event;
import org.maftia.appia.SendableEvent;
import org.maftia.appia.Session;
import org.maftia.appia.message.MessageException;

/** Pushes an 8-byte sequence number going down; pops and checks it coming up. */
final class SequenceSession extends Session {

    private long nextToSend;
    private long nextExpected;
    private long outOfOrder;

    SequenceSession(SequenceLayer layer) {
        super(layer);
    }

    @Override
    public void handle(Event event) {
        if (event instanceof SendableEvent sendable) {
            if (event.getDirection().isDown()) {
                sendable.getMessage().pushLong(nextToSend++);
            } else if (!inOrder(sendable)) {
                outOfOrder++;
                return;
            }
        }
        event.go();
    }

    long outOfOrder() {
        return outOfOrder;
    }

    private boolean inOrder(SendableEvent event) {
        try {
            long seq = event.getMessage().popLong();
            if (seq != nextExpected) {
                return false;
            }
            nextExpected++;
            return true;
        } catch (MessageException tooShort) {
            return false;
        }
    }
}
