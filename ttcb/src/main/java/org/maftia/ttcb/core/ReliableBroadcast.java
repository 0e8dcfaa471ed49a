package org.maftia.ttcb.core;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.function.Consumer;

/**
 * Protocol 2 (spec 4.1.2), the time-triggered timely reliable broadcast of the local TTCBs. The
 * broadcast routine (lines 1-7) is driven by {@link LocalTtcb}; this class holds the
 * {@code higherseqVector}, the {@code notDelivered} set, the copy filter of {@code read} and the
 * receive routine (lines 8-17). M(s, n) is R-delivered when M(s, n+) with n+ > n arrives, or any
 * M' whose higherseqVector[s] > n: then at least one correct local TTCB has M(s, n+1) and relays
 * the knowledge (AN6), so every correct local TTCB R-delivers M(s, n) or none does.
 */
final class ReliableBroadcast {

    /** Per-sender window of sequence numbers already read, for discarding copies (line 9, {@code read}). */
    private static final int WINDOW = 256;

    private final int self;
    private final long[] higherseqVector;
    private final long[][] seen;
    private final long[] seenHighest;
    private final List<ControlMessage> notDelivered = new ArrayList<>();

    ReliableBroadcast(int self, int n) {
        this.self = self;
        this.higherseqVector = new long[n];
        Arrays.fill(higherseqVector, -1);
        this.seen = new long[n][WINDOW / 64];
        this.seenHighest = new long[n];
        Arrays.fill(seenHighest, -1);
    }

    /** Line 3: M := (sender, seq, higherseqVector, data). */
    ControlMessage message(long seq, long sendTime, long[] echoSendTime, long[] echoHold, List<ControlRecord> data) {
        return new ControlMessage(self, seq, sendTime, higherseqVector, echoSendTime, echoHold, data);
    }

    /**
     * The copy filter of {@code read}: true the first time (sender, seq) is read, false for the
     * Od other copies, replays, and numbers below the window.
     */
    boolean firstCopy(ControlMessage m) {
        if (!unread(m)) {
            return false;
        }
        markRead(m);
        return true;
    }

    /** Whether (sender, seq) is still to be read, without reading it. */
    boolean unread(ControlMessage m) {
        int s = m.sender();
        long seq = m.seq();
        if (seq <= seenHighest[s] - WINDOW) {
            return false;
        }
        return seq > seenHighest[s] || !isSet(s, seq);
    }

    /**
     * Records (sender, seq) as read: from now on its copies are discarded. Only for a copy that is
     * kept; one dropped for lack of room is an omission, and a later copy is still read.
     */
    void markRead(ControlMessage m) {
        int s = m.sender();
        long seq = m.seq();
        if (seq > seenHighest[s]) {
            for (long k = Math.max(seenHighest[s] + 1, seq - WINDOW + 1); k <= seq; k++) {
                bit(s, k, false);
            }
            seenHighest[s] = seq;
        }
        bit(s, seq, true);
    }

    /** Lines 10-16 for one message read. */
    void receive(ControlMessage m, Consumer<ControlMessage> rDeliver) {
        // Lines 10-12: earlier messages that M shows every correct local TTCB will have.
        Iterator<ControlMessage> it = notDelivered.iterator();
        List<ControlMessage> ready = new ArrayList<>();
        while (it.hasNext()) {
            ControlMessage nd = it.next();
            if ((nd.sender() == m.sender() && nd.seq() < m.seq()) || nd.seq() < m.higherseqVector()[nd.sender()]) {
                ready.add(nd);
                it.remove();
            }
        }
        ready.forEach(rDeliver);
        // Lines 13-16: M itself.
        if (higherseqVector[m.sender()] > m.seq()) {
            rDeliver.accept(m);
        } else {
            notDelivered.add(m);
            higherseqVector[m.sender()] = m.seq();
        }
    }

    /**
     * Drops messages that can no longer be R-delivered by anyone: older than the Timeliness bound
     * (their sender crashed while broadcasting its last message, so no M(s, n+1) exists). Keeps
     * {@code notDelivered} bounded. Returns how many were dropped.
     */
    int purgeOlderThan(long sendTimeLimit) {
        int before = notDelivered.size();
        notDelivered.removeIf(nd -> nd.sendTime() < sendTimeLimit);
        return before - notDelivered.size();
    }

    int pending() {
        return notDelivered.size();
    }

    private boolean isSet(int s, long seq) {
        int b = (int) Math.floorMod(seq, (long) WINDOW);
        return (seen[s][b >>> 6] & (1L << (b & 63))) != 0;
    }

    private void bit(int s, long seq, boolean on) {
        int b = (int) Math.floorMod(seq, (long) WINDOW);
        if (on) {
            seen[s][b >>> 6] |= 1L << (b & 63);
        } else {
            seen[s][b >>> 6] &= ~(1L << (b & 63));
        }
    }
}
