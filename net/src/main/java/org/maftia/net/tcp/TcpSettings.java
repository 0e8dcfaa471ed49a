package org.maftia.net.tcp;

import java.time.Duration;

/**
 * Limits of the TCP layer: the largest frame accepted or sent, how many bytes may wait for a slow
 * or absent peer before new frames to it are dropped, and the reconnection back-off.
 */
public record TcpSettings(int maxFrameBytes, long maxQueuedBytesPerPeer, Duration connectTimeout,
                          Duration minBackoff, Duration maxBackoff) {

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
    }
}
