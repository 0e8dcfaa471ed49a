package org.maftia.net.client;

import java.time.Duration;

/**
 * Bounds of a site's client port. Every resource an unauthenticated or a slow client can make
 * the site hold is bounded here.
 *
 * @param maxFrameBytes largest frame payload either way, 1 to 16 MiB
 * @param maxSessions authenticated clients at once; a client reconnecting replaces its session
 * @param maxPending connections still in their handshake
 * @param maxPendingPerAddress of those, from one remote address
 * @param handshakeTimeout time a connection has to complete the whole handshake
 * @param outboxBytesPerClient replies queued for one client; a client over it is closed
 * @param idleTimeout an authenticated client sending nothing for this long is closed
 */
public record ClientEndpointSettings(int maxFrameBytes, int maxSessions, int maxPending, int maxPendingPerAddress,
        Duration handshakeTimeout, long outboxBytesPerClient, Duration idleTimeout) {

    /** The largest {@code maxFrameBytes} allowed, and the largest frame a client accepts. */
    public static final int FRAME_LIMIT = 16 << 20;

    public ClientEndpointSettings {
        if (maxFrameBytes < 1 || maxFrameBytes > FRAME_LIMIT) {
            throw new IllegalArgumentException("maxFrameBytes " + maxFrameBytes + " is out of range: use 1 to " + FRAME_LIMIT);
        }
        if (maxSessions < 1) {
            throw new IllegalArgumentException("maxSessions " + maxSessions + " is out of range: use at least 1");
        }
        if (maxPending < 1) {
            throw new IllegalArgumentException("maxPending " + maxPending + " is out of range: use at least 1");
        }
        if (maxPendingPerAddress < 1 || maxPendingPerAddress > maxPending) {
            throw new IllegalArgumentException("maxPendingPerAddress " + maxPendingPerAddress
                    + " is out of range: use 1 to maxPending (" + maxPending + ")");
        }
        requireMillis("handshakeTimeout", handshakeTimeout);
        if (outboxBytesPerClient < SecureChannel.sealedSize(maxFrameBytes)) {
            throw new IllegalArgumentException("outboxBytesPerClient " + outboxBytesPerClient
                    + " is out of range: use at least one sealed frame, " + SecureChannel.sealedSize(maxFrameBytes));
        }
        requireMillis("idleTimeout", idleTimeout);
    }

    /** 1 MiB frames, 1024 clients, 64 handshakes (8 per address) of 5 s, 4 MiB per outbox, 10 min idle. */
    public static ClientEndpointSettings defaults() {
        return new ClientEndpointSettings(1 << 20, 1024, 64, 8, Duration.ofSeconds(5), 4L << 20, Duration.ofMinutes(10));
    }

    private static void requireMillis(String field, Duration d) {
        if (d == null || d.toMillis() < 1 || d.toMillis() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(field + " " + d + " is out of range: use 1 ms to " + Integer.MAX_VALUE + " ms");
        }
    }
}
