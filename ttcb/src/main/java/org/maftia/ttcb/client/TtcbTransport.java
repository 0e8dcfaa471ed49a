package org.maftia.ttcb.client;

import java.util.concurrent.CompletableFuture;

/**
 * Carries request frames to a local TTCB and brings back its reply frames. It is untrusted (spec
 * 2.2.3.1): {@link TtcbClient} authenticates everything that comes back. Frames must reach the
 * TTCB in the order they are sent, or later calls are refused as re-ordered.
 */
public interface TtcbTransport extends AutoCloseable {

    CompletableFuture<byte[]> call(byte[] request);

    @Override
    default void close() {
    }
}
