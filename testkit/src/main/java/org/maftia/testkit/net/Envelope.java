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

    /**
     * A new event of the same class carrying {@code bytes}: what the adversary injects when it
     * replays, alters or replaces this message (receivers' layers accept the event class they know).
     */
    public SendableEvent withBytes(byte[] bytes) {
        try {
            SendableEvent copy = (SendableEvent) event.cloneEvent();
            copy.getMessage().setByteArray(bytes, 0, bytes.length);
            return copy;
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException(event.getClass() + " cannot be copied", e);
        }
    }
}
