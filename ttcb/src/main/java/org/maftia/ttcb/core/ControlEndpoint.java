package org.maftia.ttcb.core;

/**
 * A local TTCB's access to the control network (AN1: an unreliable broadcast primitive). Frames
 * arriving for it are handed to {@link LocalTtcb#onFrame} on the TTCB's thread, stamped with the
 * hardware clock at arrival.
 */
public interface ControlEndpoint {

    /** Sends one copy of {@code frame} to every other local TTCB; losses are the network's (AN3). */
    void broadcast(byte[] frame);
}
