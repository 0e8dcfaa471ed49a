package org.maftia.ttcb.client;

import java.util.concurrent.CompletableFuture;
import org.maftia.ttcb.core.EntityGateway;

/**
 * The local channel of the in-JVM TTCB: hands frames straight to the gateway. The caller must be
 * on the TTCB's thread (in the simulation, the simulation thread).
 */
public final class InJvmTransport implements TtcbTransport {

    private final EntityGateway gateway;

    public InJvmTransport(EntityGateway gateway) {
        this.gateway = gateway;
    }

    @Override
    public CompletableFuture<byte[]> call(byte[] request) {
        return gateway.handle(request.clone()).thenApply(byte[]::clone);
    }
}
