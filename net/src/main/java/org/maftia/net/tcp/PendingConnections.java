package org.maftia.net.tcp;

import java.net.InetAddress;
import java.nio.channels.SocketChannel;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The accepted connections whose handshake is not done, oldest first, bounded in all and per
 * remote address. A full address is refused its next connection: it holds its share already. When
 * all the places are taken, the oldest pending connection makes room for the new one rather than
 * the new one being refused: strangers that keep connections open silently cannot lock a site's
 * peers out, they can only push each other out; a peer's handshake takes a round trip.
 */
final class PendingConnections {

    /** The answer to {@link #admit}: whether the connection is pending, and the one it displaced. */
    record Admission(boolean admitted, SocketChannel displaced) {
    }

    private final int max;
    private final int maxPerAddress;
    private final LinkedHashMap<SocketChannel, InetAddress> pending = new LinkedHashMap<>();
    private final Map<InetAddress, Integer> perAddress = new HashMap<>();

    PendingConnections(int max, int maxPerAddress) {
        this.max = max;
        this.maxPerAddress = maxPerAddress;
    }

    synchronized Admission admit(SocketChannel connection, InetAddress from) {
        if (perAddress.getOrDefault(from, 0) >= maxPerAddress) {
            return new Admission(false, null);
        }
        SocketChannel displaced = null;
        if (pending.size() >= max) {
            Iterator<Map.Entry<SocketChannel, InetAddress>> oldest = pending.entrySet().iterator();
            Map.Entry<SocketChannel, InetAddress> e = oldest.next();
            displaced = e.getKey();
            oldest.remove();
            perAddress.computeIfPresent(e.getValue(), (a, k) -> k == 1 ? null : k - 1);
        }
        pending.put(connection, from);
        perAddress.merge(from, 1, Integer::sum);
        return new Admission(true, displaced);
    }

    /** Removes {@code connection}; false when it was not pending (done, displaced or timed out already). */
    synchronized boolean remove(SocketChannel connection) {
        InetAddress from = pending.remove(connection);
        if (from == null) {
            return false;
        }
        perAddress.computeIfPresent(from, (a, k) -> k == 1 ? null : k - 1);
        return true;
    }

    synchronized int size() {
        return pending.size();
    }
}
