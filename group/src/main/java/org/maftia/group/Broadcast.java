package org.maftia.group;

import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import org.maftia.group.core.ProtocolInstance;

/**
 * A broadcast with a declared sender (spec 3.2, class Broadcast): the sender sends one payload;
 * every party receives it. The subclasses differ in guarantees. {@link #receive()} blocks; the
 * future of {@link #delivery()} does not.
 */
public abstract class Broadcast extends Protocol {

    protected final int sender;
    protected final CompletableFuture<byte[]> delivered = new CompletableFuture<>();

    protected Broadcast(Site site, String protocolID, String groupID, int sender) {
        super(site, protocolID, groupID);
        if (sender < 0 || sender >= site.n()) {
            throw new IllegalArgumentException("sender " + sender + " is not a site of group '" + groupID + "'");
        }
        this.sender = sender;
    }

    public int getSender() {
        return sender;
    }

    /** Sends the payload; only the declared sender may. */
    public abstract void send(byte[] m);

    /** Waits for the payload. @throws CancellationException if the broadcast was aborted */
    public byte[] receive() {
        return await(delivered, "receiving");
    }

    public boolean canReceive() {
        return delivered.isDone() && !delivered.isCompletedExceptionally();
    }

    /** Checks this site is the declared sender, then hands a copy of {@code m} to the protocol on its thread. */
    protected final void sendFromSender(byte[] m, Consumer<byte[]> broadcastOnProtocolThread) {
        if (sender != site.id()) {
            throw new IllegalStateException("site " + site.id() + " is not the sender of " + protocolID
                    + " (P" + sender + " is)");
        }
        byte[] copy = m.clone();
        site.onProtocolThread(() -> broadcastOnProtocolThread.accept(copy));
    }

    /** Frees the protocol instance at this site and fails whoever waits for the payload. */
    final void abortInstance(ProtocolInstance<?> instance) {
        site.onProtocolThread(instance::abort);
        delivered.completeExceptionally(new CancellationException("broadcast " + protocolID + " aborted"));
    }

    /** Completes with the payload when it is delivered. */
    public CompletableFuture<byte[]> delivery() {
        return delivered;
    }
}
