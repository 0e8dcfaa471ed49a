package org.maftia.tx.manager;

import java.util.Comparator;
import org.maftia.net.client.ClientId;
import org.maftia.tx.ClientOrder;

/**
 * A resource registered with a transaction (Protocol 17 line 10, {@code source|resource id}): the
 * resource manager group that registered it, as the replicas know it when it calls (its
 * {@code CallerGroup} id), and the resource's id within that group.
 */
public record ResourceRef(ClientId manager, String resource) implements Comparable<ResourceRef> {

    private static final Comparator<ResourceRef> ORDER =
            Comparator.comparing(ResourceRef::manager, ClientOrder.ORDER).thenComparing(ResourceRef::resource);

    @Override
    public int compareTo(ResourceRef other) {
        return ORDER.compare(this, other);
    }
}
