package org.maftia.testkit.net;

import org.maftia.appia.Event;
import org.maftia.appia.SendableEvent;

/** Carries a message the simulated network delivers into the receiving site's channel. */
public final class SimDeliveryEvent extends Event {

    final SendableEvent delivered;

    SimDeliveryEvent(SendableEvent delivered) {
        this.delivered = delivered;
    }
}
