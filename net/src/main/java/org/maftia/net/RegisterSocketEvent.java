package org.maftia.net;

import org.maftia.appia.Event;

/**
 * Asks the network layer at the bottom of the channel to open its socket on a local address (port
 * 0 for any free port). Sent down by the layer that configures the channel; the network layer
 * turns the same event around with {@link #bound()} set, or {@link #error()} saying what failed.
 */
public class RegisterSocketEvent extends Event {

    private final InetWithPort requested;
    private InetWithPort bound;
    private String error;

    public RegisterSocketEvent(InetWithPort requested) {
        if (requested == null) {
            throw new IllegalArgumentException("register a socket on an address, not null");
        }
        this.requested = requested;
    }

    public InetWithPort requested() {
        return requested;
    }

    /** The address the socket is bound to, once the network layer answered; null on error. */
    public InetWithPort bound() {
        return bound;
    }

    public String error() {
        return error;
    }

    public boolean succeeded() {
        return bound != null;
    }

    /** Called by the network layer that opened (or failed to open) the socket. */
    public void answer(InetWithPort bound, String error) {
        this.bound = bound;
        this.error = error;
    }
}
