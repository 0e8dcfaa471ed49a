package org.maftia.group;

/**
 * Options of a stream (spec 3.2, Stream).
 *
 * @param window        unread deliveries, and own sends in flight, before the stream pushes back
 *                      (the application's flow control, spec 3.2)
 * @param maxBatch      the most payloads a party proposes in one round of an atomic stream
 *                      (Protocol 7's queue message); ignored by the aggregated streams
 * @param maxBatchBytes the most payload bytes in one such proposal
 */
public record StreamOptions(int window, int maxBatch, int maxBatchBytes) {

    public static final StreamOptions DEFAULT = new StreamOptions(1024, 512, 1 << 20);

    public StreamOptions {
        if (window < 1) {
            throw new IllegalArgumentException("window " + window + " must be at least 1 (payloads in flight per party)");
        }
        if (maxBatch < 1) {
            throw new IllegalArgumentException("maxBatch " + maxBatch + " must be at least 1 (payloads per proposal)");
        }
        if (maxBatchBytes < 64) {
            throw new IllegalArgumentException("maxBatchBytes " + maxBatchBytes + " must be at least 64");
        }
    }

    public StreamOptions withWindow(int window) {
        return new StreamOptions(window, maxBatch, maxBatchBytes);
    }

    public StreamOptions withMaxBatch(int maxBatch) {
        return new StreamOptions(window, maxBatch, maxBatchBytes);
    }

    public StreamOptions withMaxBatchBytes(int maxBatchBytes) {
        return new StreamOptions(window, maxBatch, maxBatchBytes);
    }
}
