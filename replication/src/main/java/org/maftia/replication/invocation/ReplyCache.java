package org.maftia.replication.invocation;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import org.maftia.replication.Invoker;

/**
 * The replies this replica sent lately, to send again when a request is delivered or received
 * again (a client that timed out and asked another member: Protocol 11, lines 27-34). Local, not
 * replicated state: a replica that forgot a reply stays silent, and the others answer. Bounded in
 * bytes, oldest first out.
 */
public final class ReplyCache {

    private final long maxBytes;
    private final LinkedHashMap<Invoker, byte[]> replies = new LinkedHashMap<>();
    private long bytes;

    public ReplyCache(long maxBytes) {
        this.maxBytes = maxBytes;
    }

    public void put(Invoker invoker, byte[] reply) {
        byte[] old = replies.put(invoker, reply);
        bytes += reply.length - (old == null ? 0 : old.length);
        Iterator<Map.Entry<Invoker, byte[]>> eldest = replies.entrySet().iterator();
        while (bytes > maxBytes && eldest.hasNext()) {
            bytes -= eldest.next().getValue().length;
            eldest.remove();
        }
    }

    /** The reply sent to {@code invoker}'s request, or null if forgotten. */
    public byte[] get(Invoker invoker) {
        return replies.get(invoker);
    }

    public long bytes() {
        return bytes;
    }
}
