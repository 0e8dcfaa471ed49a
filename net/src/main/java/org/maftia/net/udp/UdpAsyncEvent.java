package org.maftia.net.udp;

import org.maftia.appia.SendableEvent;
import org.maftia.net.NetworkAsyncEvent;

/** A datagram received by the UDP reader thread, on its way to the UDP session (spec 3.1.6). */
public final class UdpAsyncEvent extends NetworkAsyncEvent {

    UdpAsyncEvent(SendableEvent received) {
        super(received);
    }
}
