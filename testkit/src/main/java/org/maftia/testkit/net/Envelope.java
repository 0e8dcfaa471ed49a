package org.maftia.testkit.net;

import org.maftia.appia.SendableEvent;

/**
 * One message on the simulated wire: from a site to a site, sent at a virtual time. The event is
 * the network's own copy; the adversary may read it but changes nothing by writing to it.
 */
public record Envelope(int from, int to, SendableEvent event, long sentAtNanos) {

    /** The message bytes, as a copy. */
    public byte[] bytes() {
        return event.getMessage().toByteArray();
    }
}
