package org.maftia.tx;

import java.util.Arrays;
import java.util.Comparator;
import org.maftia.net.client.ClientId;

/** Clients by their key's bytes: any fixed order does, so that every replica's encodings agree. */
public final class ClientOrder {

    public static final Comparator<ClientId> ORDER = (a, b) -> Arrays.compareUnsigned(a.publicKey(), b.publicKey());

    private ClientOrder() {
    }
}
