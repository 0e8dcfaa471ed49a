package org.maftia.node.demo;

/**
 * What the load generator sends: {@code messages} messages of {@code payloadBytes} bytes, at most
 * {@code window} in flight, with a progress report every {@code progressMillis}.
 */
public record LoadSettings(long messages, int payloadBytes, int window, long progressMillis) {

    public LoadSettings {
        if (messages < 1) {
            throw new IllegalArgumentException("--messages must be at least 1, not " + messages);
        }
        if (payloadBytes < Long.BYTES || payloadBytes > 16 << 20) {
            throw new IllegalArgumentException("--size must be between 8 bytes and 16 MiB, not " + payloadBytes);
        }
        if (window < 1) {
            throw new IllegalArgumentException("--window must be at least 1, not " + window);
        }
        if (progressMillis < 1) {
            throw new IllegalArgumentException("--progress must be at least 1 ms, not " + progressMillis);
        }
    }
}
