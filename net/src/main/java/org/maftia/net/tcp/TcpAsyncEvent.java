package org.maftia.net.tcp;

import org.maftia.appia.SendableEvent;
import org.maftia.net.NetworkAsyncEvent;

/** A frame received by a TCP reader thread, on its way to the TCP session. */
public final class TcpAsyncEvent extends NetworkAsyncEvent {

    TcpAsyncEvent(SendableEvent received) {
        super(received);
    }
}
