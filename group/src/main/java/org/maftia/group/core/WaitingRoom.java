package org.maftia.group.core;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * Messages for instances this site has not started yet (a broadcast it will receive, the ABBAs
 * of a VBA, the next round's VBA, a stream lane's next broadcast), kept until the instance starts.
 * Anyone may name an id that does not exist yet, so the room is bounded by what it holds, in
 * bytes, per sender: a corrupted site may flood the room, or target the id of an instance it
 * knows will start (docs/architecture.md, "Bounded against corrupted sites"):
 *
 * <ul>
 *   <li>a message costs its body, its id and {@value #OVERHEAD_BYTES} bytes of bookkeeping, so a
 *       flood of empty messages is paid for like a flood of large ones;</li>
 *   <li>one sender holds at most {@link Bounds#senderBytes()}; beyond it, its own oldest message
 *       leaves first;</li>
 *   <li>all senders hold at most {@link Bounds#roomBytes()}; when full, the heaviest sender (the
 *       arriving message counted with its sender) loses its oldest message. A sender within its
 *       fair share, {@code roomBytes / n}, is therefore never evicted to make room for another:
 *       a full room holds more than n fair shares' worth with the arrival, so someone else holds
 *       more. Honest senders' messages stay however loud a Byzantine sender is, as long as they
 *       are within their share.</li>
 * </ul>
 *
 * <p>There is no bound on ids: an id is only the messages waiting for it, and is forgotten with
 * the last of them, so a sender inventing ids spends its own bytes and nobody else's. Every
 * eviction is counted against the sender that lost the message.
 *
 * <p>Defaults: a room of {@value #DEFAULT_ROOM_MIB} MiB, the amount the TCP layer lets queue for
 * one peer, so what a site holds for others stays of the order of its send buffers however long
 * a flood lasts. A sender may hold {@value #DEFAULT_SENDER_MIB} MiB, two of the largest frames (16
 * MiB): a sender ahead of this site can park a payload of the largest size (an RBC send, a VCBC
 * payload) and its small messages while the room has space, and with n = 4 a Byzantine sender
 * still leaves half the room to the others. The small messages that most waiting traffic consists
 * of (echoes, readies, votes, shares) stay within the fair share, which is 16 MiB for n = 4 and
 * 6.4 MiB for n = 10. A payload above it may be evicted under a flood; reliable broadcast can
 * then still deliver, asking the parties that hold the payload for it once the readies that
 * stayed have fixed its hash (Protocol 5, lines 18-24).
 */
final class WaitingRoom {

    static final int DEFAULT_ROOM_MIB = 64;
    static final int DEFAULT_SENDER_MIB = 32;
    /** What a waiting message costs beyond its body and id: its object and its places in the two orders. */
    static final int OVERHEAD_BYTES = 256;

    /** The room's bounds: all senders together, and one sender. */
    record Bounds(long roomBytes, long senderBytes) {

        static final Bounds DEFAULT = new Bounds((long) DEFAULT_ROOM_MIB << 20, (long) DEFAULT_SENDER_MIB << 20);

        Bounds {
            if (senderBytes < OVERHEAD_BYTES || senderBytes > roomBytes) {
                throw new IllegalArgumentException("a sender's bound (" + senderBytes + " bytes) must hold a message ("
                        + OVERHEAD_BYTES + " bytes at least) and fit in the room (" + roomBytes + " bytes)");
            }
        }
    }

    /** One waiting message; identity matters: the same message sent twice waits twice. */
    static final class Waiting {
        final int from;
        final String protocolId;
        final int type;
        final byte[] body;
        final long cost;

        private Waiting(int from, String protocolId, int type, byte[] body) {
            this.from = from;
            this.protocolId = protocolId;
            this.type = type;
            this.body = body;
            this.cost = (long) body.length + protocolId.length() + OVERHEAD_BYTES;
        }
    }

    private final Bounds bounds;
    private final GroupCounters counters;
    /** Per id, in arrival order: the order they are handed to the instance. */
    private final Map<String, LinkedHashSet<Waiting>> byId = new HashMap<>();
    /** Per sender, oldest first: the order its messages are evicted. */
    private final List<LinkedHashSet<Waiting>> bySender = new ArrayList<>();
    private final long[] held;
    private long total;

    WaitingRoom(int n, Bounds bounds, GroupCounters counters) {
        this.bounds = bounds;
        this.counters = counters;
        this.held = new long[n];
        for (int s = 0; s < n; s++) {
            bySender.add(new LinkedHashSet<>());
        }
    }

    /** Keeps a message from {@code from} (authenticated, in range) for the instance {@code protocolId}. */
    void admit(int from, String protocolId, int type, byte[] body) {
        Waiting w = new Waiting(from, protocolId, type, body);
        if (w.cost > bounds.senderBytes()) {
            counters.dropWaiting(from);
            return;
        }
        while (held[from] + w.cost > bounds.senderBytes()) {
            evictOldest(from);
        }
        while (total + w.cost > bounds.roomBytes()) {
            int heaviest = heaviest(from, w.cost);
            if (held[heaviest] == 0) {
                // The arrival alone outweighs every other sender's holding: it is the one refused.
                counters.dropWaiting(from);
                return;
            }
            evictOldest(heaviest);
        }
        byId.computeIfAbsent(protocolId, id -> new LinkedHashSet<>()).add(w);
        bySender.get(from).add(w);
        held[from] += w.cost;
        total += w.cost;
    }

    /** Removes and returns the messages waiting for {@code protocolId}, in arrival order. */
    List<Waiting> take(String protocolId) {
        LinkedHashSet<Waiting> waiting = byId.remove(protocolId);
        if (waiting == null) {
            return List.of();
        }
        for (Waiting w : waiting) {
            leave(w);
        }
        return List.copyOf(waiting);
    }

    /** Bytes held, all senders together. */
    long bytes() {
        return total;
    }

    /** Ids with a message waiting: an id is nothing once its messages are gone. */
    int ids() {
        return byId.size();
    }

    /** Bytes held for {@code sender}. */
    long bytesOf(int sender) {
        return held[sender];
    }

    /**
     * The sender holding the most, {@code from} counted with its arriving message's cost; a tie
     * goes to {@code from}, so an arrival never evicts a sender holding no more than it would.
     */
    private int heaviest(int from, long cost) {
        int heaviest = from;
        long most = held[from] + cost;
        for (int s = 0; s < held.length; s++) {
            if (held[s] > most) {
                heaviest = s;
                most = held[s];
            }
        }
        return heaviest;
    }

    private void evictOldest(int sender) {
        Waiting oldest = bySender.get(sender).getFirst();
        LinkedHashSet<Waiting> sameId = byId.get(oldest.protocolId);
        sameId.remove(oldest);
        if (sameId.isEmpty()) {
            byId.remove(oldest.protocolId);
        }
        leave(oldest);
        counters.dropWaiting(sender);
    }

    private void leave(Waiting w) {
        bySender.get(w.from).remove(w);
        held[w.from] -= w.cost;
        total -= w.cost;
    }
}
