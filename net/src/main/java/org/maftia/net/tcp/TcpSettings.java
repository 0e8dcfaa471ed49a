package org.maftia.net.tcp;

import java.time.Duration;

/**
 * Limits of the TCP layer: the largest frame accepted or sent, how many bytes may wait for a slow
 * or absent peer before new frames to it are dropped, the reconnection back-off, and, for the
 * connections not yet authenticated, how long their handshake may take and how many may be
 * pending at once, in all and per remote address.
 */
public record TcpSettings(int maxFrameBytes, long maxQueuedBytesPerPeer, Duration connectTimeout,
                          Duration minBackoff, Duration maxBackoff, Duration handshakeTimeout,
                          int maxPendingConnections, int maxPendingPerAddress) {

    public static final TcpSettings DEFAULTS = new TcpSettings(16 << 20, 64L << 20,
            Duration.ofSeconds(2), Duration.ofMillis(50), Duration.ofSeconds(2));

    public TcpSettings {
        if (maxFrameBytes < 1024) {
            throw new IllegalArgumentException("maxFrameBytes must be at least 1024, not " + maxFrameBytes);
        }
        if (maxQueuedBytesPerPeer < maxFrameBytes) {
            throw new IllegalArgumentException("maxQueuedBytesPerPeer (" + maxQueuedBytesPerPeer
                    + ") must hold at least one frame of maxFrameBytes (" + maxFrameBytes + ")");
        }
        if (minBackoff.isNegative() || maxBackoff.compareTo(minBackoff) < 0) {
            throw new IllegalArgumentException("need 0 <= minBackoff <= maxBackoff");
        }
        if (handshakeTimeout.isNegative() || handshakeTimeout.isZero()) {
            throw new IllegalArgumentException("handshakeTimeout must be positive, not " + handshakeTimeout);
        }
        if (maxPendingPerAddress < 1 || maxPendingConnections < maxPendingPerAddress) {
            throw new IllegalArgumentException("need 1 <= maxPendingPerAddress (" + maxPendingPerAddress
                    + ") <= maxPendingConnections (" + maxPendingConnections + ")");
        }
    }

    /** The given limits with a 5 s handshake and at most 64 pending connections, 8 per address. */
    public TcpSettings(int maxFrameBytes, long maxQueuedBytesPerPeer, Duration connectTimeout,
                       Duration minBackoff, Duration maxBackoff) {
        this(maxFrameBytes, maxQueuedBytesPerPeer, connectTimeout, minBackoff, maxBackoff, Duration.ofSeconds(5), 64, 8);
    }

    public TcpSettings withHandshake(Duration timeout, int maxPending, int maxPendingPerAddress) {
        return new TcpSettings(maxFrameBytes, maxQueuedBytesPerPeer, connectTimeout, minBackoff, maxBackoff,
                timeout, maxPending, maxPendingPerAddress);
    }
}
