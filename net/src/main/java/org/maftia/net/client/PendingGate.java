package org.maftia.net.client;

import java.net.InetAddress;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Admits a bounded number of connections into their handshake, in all and per remote address,
 * so that silent or slow connections from one place cannot keep honest clients out.
 */
final class PendingGate {

    private final int max;
    private final int maxPerAddress;
    private final AtomicInteger gauge;
    private final Map<InetAddress, Integer> perAddress = new HashMap<>();
    private int total;

    PendingGate(int max, int maxPerAddress, AtomicInteger gauge) {
        this.max = max;
        this.maxPerAddress = maxPerAddress;
        this.gauge = gauge;
    }

    synchronized boolean tryEnter(InetAddress from) {
        int fromThere = perAddress.getOrDefault(from, 0);
        if (total >= max || fromThere >= maxPerAddress) {
            return false;
        }
        perAddress.put(from, fromThere + 1);
        total++;
        gauge.set(total);
        return true;
    }

    synchronized void leave(InetAddress from) {
        int fromThere = perAddress.get(from);
        if (fromThere == 1) {
            perAddress.remove(from);
        } else {
            perAddress.put(from, fromThere - 1);
        }
        total--;
        gauge.set(total);
    }
}
