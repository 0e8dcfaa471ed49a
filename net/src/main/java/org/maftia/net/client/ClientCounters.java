package org.maftia.net.client;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counters and gauges of a client port (or of one client connection), updated from its I/O
 * threads and read by monitoring. Every connection refused or closed for something the peer did
 * is counted under its reason.
 */
public final class ClientCounters {

    private final LongAdder handshakesFailed = new LongAdder();
    private final LongAdder refusedFull = new LongAdder();
    private final LongAdder refusedNotAdmitted = new LongAdder();
    private final LongAdder timedOut = new LongAdder();
    private final LongAdder oversized = new LongAdder();
    private final LongAdder malformed = new LongAdder();
    private final LongAdder decryptionFailures = new LongAdder();
    private final LongAdder countersExhausted = new LongAdder();
    private final LongAdder slowReadersClosed = new LongAdder();
    private final LongAdder idleClosed = new LongAdder();
    private final LongAdder replaced = new LongAdder();
    private final LongAdder bytesIn = new LongAdder();
    private final LongAdder bytesOut = new LongAdder();
    private final AtomicInteger sessions = new AtomicInteger();
    private final AtomicInteger pending = new AtomicInteger();
    private final AtomicLong bufferedBytes = new AtomicLong();

    void recordHandshakeFailed() {
        handshakesFailed.increment();
    }

    void recordRefusedFull() {
        refusedFull.increment();
    }

    void recordRefusedNotAdmitted() {
        refusedNotAdmitted.increment();
    }

    void recordTimedOut() {
        timedOut.increment();
    }

    void recordMalformed() {
        malformed.increment();
    }

    void recordClosed(CloseReason reason) {
        switch (reason) {
            case IDLE -> idleClosed.increment();
            case OVERSIZED -> oversized.increment();
            case MALFORMED -> malformed.increment();
            case DECRYPTION_FAILED -> decryptionFailures.increment();
            case COUNTER_EXHAUSTED -> countersExhausted.increment();
            case SLOW_READER, SEND_TIMEOUT -> slowReadersClosed.increment();
            case REPLACED -> replaced.increment();
            case CLOSED_LOCALLY, PEER_CLOSED, IO_ERROR -> { }
        }
    }

    void recordIn(int bytes) {
        bytesIn.add(bytes);
    }

    void recordOut(int bytes) {
        bytesOut.add(bytes);
    }

    AtomicInteger sessionsGauge() {
        return sessions;
    }

    AtomicInteger pendingGauge() {
        return pending;
    }

    AtomicLong bufferedGauge() {
        return bufferedBytes;
    }

    /** Handshakes that failed authentication (a wrong key, a replayed hello, a bad confirmation). */
    public long handshakesFailed() {
        return handshakesFailed.sum();
    }

    /** Connections refused because the pending or the session limit was reached. */
    public long refusedFull() {
        return refusedFull.sum();
    }

    public long refusedNotAdmitted() {
        return refusedNotAdmitted.sum();
    }

    /** Handshakes not completed within the handshake timeout. */
    public long timedOut() {
        return timedOut.sum();
    }

    /** Frames announced over the frame limit; their session is closed. */
    public long oversized() {
        return oversized.sum();
    }

    /** Hellos of another protocol and frames too short to be sealed. */
    public long malformed() {
        return malformed.sum();
    }

    /** Frames that failed authenticated decryption; their session is closed. */
    public long decryptionFailures() {
        return decryptionFailures.sum();
    }

    /** Sessions closed because a direction's nonce counter ran out. */
    public long countersExhausted() {
        return countersExhausted.sum();
    }

    /** Peers closed for not reading what was sent to them. */
    public long slowReadersClosed() {
        return slowReadersClosed.sum();
    }

    public long idleClosed() {
        return idleClosed.sum();
    }

    /** Sessions replaced by a newer connection of the same client. */
    public long replaced() {
        return replaced.sum();
    }

    public long bytesIn() {
        return bytesIn.sum();
    }

    public long bytesOut() {
        return bytesOut.sum();
    }

    /** Authenticated sessions now. */
    public int sessions() {
        return sessions.get();
    }

    /** Connections in their handshake now. */
    public int pending() {
        return pending.get();
    }

    /** Bytes held now for peers: handshake buffers, frames being read, outboxes. */
    public long bufferedBytes() {
        return bufferedBytes.get();
    }

    @Override
    public String toString() {
        return "sessions " + sessions() + ", pending " + pending() + ", buffered " + bufferedBytes() + " B, in "
                + bytesIn() + " B, out " + bytesOut() + " B, handshakes failed " + handshakesFailed() + ", refused full "
                + refusedFull() + ", not admitted " + refusedNotAdmitted() + ", timed out " + timedOut() + ", oversized "
                + oversized() + ", malformed " + malformed() + ", decryption failures " + decryptionFailures()
                + ", counters exhausted " + countersExhausted() + ", slow readers " + slowReadersClosed() + ", idle "
                + idleClosed() + ", replaced " + replaced();
    }
}
