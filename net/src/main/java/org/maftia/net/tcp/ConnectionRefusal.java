package org.maftia.net.tcp;

/** Why the TCP layer closed a connection before it carried a frame. */
public enum ConnectionRefusal {
    /** Accepted while the pending handshakes were at their cap: the oldest pending one was closed. */
    PENDING_CAP,
    /** Accepted while its remote address already had its share of pending handshakes. */
    ADDRESS_CAP,
    /** Did not complete the handshake within the timeout. */
    HANDSHAKE_TIMEOUT,
    /** Did not prove it is a site of the group (bad MAC, unknown site, ended early). */
    HANDSHAKE_FAILED,
    /** Dialled a peer whose listener did not prove it is the site of the group at that address. */
    PEER_NOT_AUTHENTICATED
}
