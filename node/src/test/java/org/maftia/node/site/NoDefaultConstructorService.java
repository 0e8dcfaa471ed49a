package org.maftia.node.site;

import org.maftia.replication.Invoker;
import org.maftia.replication.ReplicatedService;

/** A service {@code maftia site --service} cannot make: it has no no-argument constructor. */
public final class NoDefaultConstructorService implements ReplicatedService {

    public NoDefaultConstructorService(String unused) {
    }

    @Override
    public byte[] execute(byte[] request, Invoker invoker) {
        return request;
    }

    @Override
    public byte[] snapshot() {
        return new byte[0];
    }

    @Override
    public void restore(byte[] snapshot) {
    }
}
