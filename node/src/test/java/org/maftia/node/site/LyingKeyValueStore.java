package org.maftia.node.site;

import java.nio.charset.StandardCharsets;
import org.maftia.replication.Invoker;
import org.maftia.replication.ReplicatedService;
import org.maftia.replication.service.KeyValueStore;

/**
 * A corrupted replica's service for the process tests: it keeps the same state as an honest one
 * (so it orders and checkpoints like the others) but every reply it sends is wrong. Loaded by a
 * site process through {@code --service}; says so on stdout so the test knows it runs.
 */
public final class LyingKeyValueStore implements ReplicatedService {

    private final KeyValueStore honest = new KeyValueStore();

    public LyingKeyValueStore() {
        System.out.println("lying replica loaded");
        System.out.flush();
    }

    @Override
    public byte[] execute(byte[] request, Invoker invoker) {
        return lie(honest.execute(request, invoker));
    }

    @Override
    public byte[] executeReadOnly(byte[] request, Invoker invoker) {
        return lie(honest.executeReadOnly(request, invoker));
    }

    private static byte[] lie(byte[] reply) {
        return ("999" + new String(reply, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public byte[] snapshot() {
        return honest.snapshot();
    }

    @Override
    public void restore(byte[] snapshot) {
        honest.restore(snapshot);
    }
}
