package org.maftia.replication;

import java.nio.charset.StandardCharsets;
import org.maftia.crypto.codec.ByteWriter;
import org.maftia.replication.service.KeyValueStore;

/**
 * A corrupted replica's service for the simulations: it executes like the key-value store but
 * replies "999" to everything and, if asked to, offers a made-up state in its snapshots.
 */
final class LyingStore implements ReplicatedService {

    private final KeyValueStore store = new KeyValueStore();
    private final boolean wrongSnapshot;

    LyingStore(boolean wrongSnapshot) {
        this.wrongSnapshot = wrongSnapshot;
    }

    @Override
    public byte[] execute(byte[] request, Invoker invoker) {
        store.execute(request, invoker);
        return "999".getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public byte[] snapshot() {
        return wrongSnapshot ? new ByteWriter().u32(1).prefixed("counter-0").prefixed("12345").toByteArray() : store.snapshot();
    }

    @Override
    public void restore(byte[] snapshot) {
        store.restore(snapshot);
    }
}
