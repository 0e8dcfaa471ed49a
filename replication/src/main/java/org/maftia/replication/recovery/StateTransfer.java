package org.maftia.replication.recovery;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.maftia.group.core.Digest;
import org.maftia.replication.wire.TransferMessage.Chunk;
import org.maftia.replication.wire.TransferMessage.Offer;
import org.maftia.replication.wire.TransferMessage.Offered;

/**
 * The recovering side of state transfer (spec 5.3.6, Protocol 25 lines 7-10, generalized): which
 * checkpoint to take, from whom, and when its state is complete and true.
 *
 * <p>Which: the latest checkpoint that t+1 other replicas offer with the same digest. One of them
 * is honest, and an honest replica offers only states it reached by executing the group's order,
 * so the state with that digest is the honest replicas' state at that round; a corrupted replica
 * can neither make one up (t offers are not enough) nor hide the honest replicas' one. From whom:
 * one of those t+1 at a time, in turn; a state whose digest differs, or a source that stops
 * answering, makes it move on to the next. Replacing the recovering replica's whole log with the
 * received one is line 10 of Protocol 25; taking it only when t+1 vouch for it is what makes that
 * safe when up to t replicas lie.
 *
 * <p>Bounded: one offer per replica (the latest), one state in assembly, no longer than offered
 * and than {@code maxStateBytes}.
 */
public final class StateTransfer {

    /** A checkpoint t+1 replicas vouch for, and who they are. */
    public record Choice(long round, Digest digest, long bytes, List<Integer> vouchers) {
    }

    private final int t;
    private final long maxStateBytes;
    private final Map<Integer, Offer> offers = new HashMap<>();
    private Choice chosen;
    private int source;
    private ByteArrayOutputStream received;
    private int nextChunk;
    private long wrongStates;

    public StateTransfer(int t, long maxStateBytes) {
        this.t = t;
        this.maxStateBytes = maxStateBytes;
    }

    /** A replica's offer, replacing its earlier one; the choice is made once t+1 agree. */
    public void offered(int from, Offer offer) {
        offers.put(from, offer);
        if (chosen == null) {
            chosen = choose();
        }
    }

    public Choice chosen() {
        return chosen;
    }

    /** Who to ask for the next chunk now. */
    public int source() {
        return chosen.vouchers().get(source);
    }

    public int nextChunk() {
        return nextChunk;
    }

    /** States received whose digest was not the one vouched for. */
    public long wrongStates() {
        return wrongStates;
    }

    /** The source did not answer in time, or sent something wrong: ask the next voucher, from the first chunk. */
    public void nextSource() {
        source = (source + 1) % chosen.vouchers().size();
        received = null;
        nextChunk = 0;
    }

    /** A chunk from the current source; the whole state once complete and true to its digest, else null. */
    public byte[] chunk(int from, Chunk chunk) {
        if (chosen == null || from != source() || chunk.round() != chosen.round() || chunk.index() != nextChunk) {
            return null;
        }
        if (received == null) {
            received = new ByteArrayOutputStream();
        }
        if (received.size() + (long) chunk.bytes().length > chosen.bytes()) {
            wrongStates++;
            nextSource();
            return null;
        }
        received.writeBytes(chunk.bytes());
        nextChunk++;
        if (nextChunk < chunk.count()) {
            return null;
        }
        byte[] state = received.toByteArray();
        if (!Digest.of(state).equals(chosen.digest())) {
            wrongStates++;
            nextSource();
            return null;
        }
        return state;
    }

    private Choice choose() {
        Map<Offered, List<Integer>> vouchers = new HashMap<>();
        offers.forEach((from, offer) -> offer.checkpoints().stream().distinct()
                .forEach(c -> vouchers.computeIfAbsent(c, k -> new ArrayList<>()).add(from)));
        Choice best = null;
        for (Map.Entry<Offered, List<Integer>> e : vouchers.entrySet()) {
            Offered c = e.getKey();
            if (e.getValue().size() > t && c.bytes() <= maxStateBytes && (best == null || c.round() > best.round())) {
                List<Integer> who = new ArrayList<>(e.getValue());
                who.sort(null);
                best = new Choice(c.round(), c.digest(), c.bytes(), List.copyOf(who));
            }
        }
        return best;
    }
}
