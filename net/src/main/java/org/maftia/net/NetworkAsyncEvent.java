package org.maftia.net;

import org.maftia.appia.Event;
import org.maftia.appia.SendableEvent;

/**
 * Carries an event a reader thread received into the channel (spec 3.1.6): the reader inserts it
 * with {@code asyncGo}; the network session takes the carried event out and sends it up as its
 * own, so the received event is created by the session that took it from the network.
 */
public abstract class NetworkAsyncEvent extends Event {

    private final SendableEvent received;

    protected NetworkAsyncEvent(SendableEvent received) {
        this.received = received;
    }

    public SendableEvent received() {
        return received;
    }
}
