package org.maftia.net.tcp;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * Connection counters of one TCP session: connections accepted, refused (by reason) and replaced,
 * and the bytes its readers hold for frames being received, now and at most.
 */
public final class ConnectionCounters {

    private final LongAdder accepted = new LongAdder();
    private final LongAdder replaced = new LongAdder();
    private final Map<ConnectionRefusal, AtomicLong> refused = new EnumMap<>(ConnectionRefusal.class);
    private final AtomicLong buffered = new AtomicLong();
    private final AtomicLong peakBuffered = new AtomicLong();

    ConnectionCounters() {
        for (ConnectionRefusal r : ConnectionRefusal.values()) {
            refused.put(r, new AtomicLong());
        }
    }

    void recordAccepted() {
        accepted.increment();
    }

    /** Counts a refusal; returns how many there were for {@code reason}, this one included. */
    long recordRefused(ConnectionRefusal reason) {
        return refused.get(reason).incrementAndGet();
    }

    void recordReplaced() {
        replaced.increment();
    }

    /** A reader took ({@code bytes > 0}) or released frame buffer space. */
    void hold(long bytes) {
        long now = buffered.addAndGet(bytes);
        peakBuffered.accumulateAndGet(now, Math::max);
    }

    /** Connections the listening socket accepted, refused ones included. */
    public long accepted() {
        return accepted.sum();
    }

    public long refused(ConnectionRefusal reason) {
        return refused.get(reason).get();
    }

    public long refusedTotal() {
        return refused.values().stream().mapToLong(AtomicLong::get).sum();
    }

    /** Authenticated inbound connections closed because the same site authenticated a newer one. */
    public long replaced() {
        return replaced.sum();
    }

    /** Bytes the readers hold now for frames not yet complete. */
    public long bufferedBytes() {
        return buffered.get();
    }

    /** The most {@link #bufferedBytes()} ever was. */
    public long peakBufferedBytes() {
        return peakBuffered.get();
    }

    @Override
    public String toString() {
        return "accepted " + accepted() + ", refused " + refused + ", replaced " + replaced()
                + ", buffered " + bufferedBytes() + " B (peak " + peakBufferedBytes() + " B)";
    }
}
