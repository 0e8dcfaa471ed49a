package org.maftia.group.scabc;

import java.util.Map;
import java.util.TreeMap;

/**
 * Protocol 8, lines 5-6, for a position not ordered here yet: the decryption shares that arrive
 * before their ciphertext's place in A's order. They wait unchecked (there is nothing to check
 * them against yet) until the position is ordered.
 *
 * <p>Bounded per sender, in bytes: one share per sender and position, and at most {@code quota}
 * bytes per sender, a share counting its length and {@value #ENTRY_BYTES} for the entry that
 * holds it. When a sender's quota is full its shares for the farthest positions go first (they are
 * needed last); one sender's shares never displace another's, so a corrupted party flooding
 * shares spends its own quota only.
 */
final class EarlyShares {

    /** What holding one share costs beyond its bytes: the map entry, the boxed position, the array header. */
    static final int ENTRY_BYTES = 72;

    private final long quota;
    private final TreeMap<Long, byte[]>[] bySender;
    private final long[] bytes;
    private final long[] dropped;

    @SuppressWarnings("unchecked")
    EarlyShares(int n, long quota) {
        this.quota = quota;
        bySender = new TreeMap[n];
        bytes = new long[n];
        dropped = new long[n];
        for (int j = 0; j < n; j++) {
            bySender[j] = new TreeMap<>();
        }
    }

    /**
     * Keeps P_{@code from}'s share for {@code position} unless it sent one there already; within
     * its quota, its shares for positions farther than this one make room first.
     *
     * @return false if it was not kept
     */
    boolean keep(int from, long position, byte[] share) {
        TreeMap<Long, byte[]> shares = bySender[from];
        if (shares.containsKey(position)) {
            return false;
        }
        long cost = share.length + ENTRY_BYTES;
        while (bytes[from] + cost > quota) {
            if (shares.isEmpty() || shares.lastKey() < position) {
                dropped[from]++;
                return false;
            }
            bytes[from] -= shares.pollLastEntry().getValue().length + ENTRY_BYTES;
            dropped[from]++;
        }
        shares.put(position, share);
        bytes[from] += cost;
        return true;
    }

    /** Every sender's share that waited for {@code position}, now ordered; removed. */
    Map<Integer, byte[]> take(long position) {
        Map<Integer, byte[]> taken = new TreeMap<>();
        for (int j = 0; j < bySender.length; j++) {
            byte[] share = bySender[j].remove(position);
            if (share != null) {
                bytes[j] -= share.length + ENTRY_BYTES;
                taken.put(j, share);
            }
        }
        return taken;
    }

    /** Bytes held for P_{@code sender}, as counted against its quota. */
    long bytes(int sender) {
        return bytes[sender];
    }

    /** P_{@code sender}'s shares dropped for its quota: not kept, or made room for nearer ones. */
    long dropped(int sender) {
        return dropped[sender];
    }

    void clear() {
        for (int j = 0; j < bySender.length; j++) {
            bySender[j].clear();
            bytes[j] = 0;
        }
    }
}
