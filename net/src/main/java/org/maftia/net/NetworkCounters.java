package org.maftia.net;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * Traffic and drop counters of one network session, updated from its I/O threads and read by
 * monitoring (later: SNMP). Every frame refused is counted under its reason.
 */
public final class NetworkCounters {

    private final LongAdder framesSent = new LongAdder();
    private final LongAdder bytesSent = new LongAdder();
    private final LongAdder framesReceived = new LongAdder();
    private final LongAdder bytesReceived = new LongAdder();
    private final LongAdder sendFailures = new LongAdder();
    private final LongAdder droppedQueueFull = new LongAdder();
    private final AtomicLong reconnects = new AtomicLong();
    private final Map<MalformedFrameException.Reason, LongAdder> refused = new EnumMap<>(MalformedFrameException.Reason.class);

    public NetworkCounters() {
        for (MalformedFrameException.Reason r : MalformedFrameException.Reason.values()) {
            refused.put(r, new LongAdder());
        }
    }

    public void recordSent(int bytes) {
        framesSent.increment();
        bytesSent.add(bytes);
    }

    public void recordReceived(int bytes) {
        framesReceived.increment();
        bytesReceived.add(bytes);
    }

    public void recordRefused(MalformedFrameException.Reason reason) {
        refused.get(reason).increment();
    }

    public void recordSendFailure() {
        sendFailures.increment();
    }

    public void recordQueueFullDrop() {
        droppedQueueFull.increment();
    }

    public void recordReconnect() {
        reconnects.incrementAndGet();
    }

    public long framesSent() {
        return framesSent.sum();
    }

    public long bytesSent() {
        return bytesSent.sum();
    }

    public long framesReceived() {
        return framesReceived.sum();
    }

    public long bytesReceived() {
        return bytesReceived.sum();
    }

    public long refused(MalformedFrameException.Reason reason) {
        return refused.get(reason).sum();
    }

    public long refusedTotal() {
        return refused.values().stream().mapToLong(LongAdder::sum).sum();
    }

    public long sendFailures() {
        return sendFailures.sum();
    }

    public long droppedQueueFull() {
        return droppedQueueFull.sum();
    }

    public long reconnects() {
        return reconnects.get();
    }

    @Override
    public String toString() {
        return "sent " + framesSent() + " frames/" + bytesSent() + " B, received " + framesReceived() + " frames/"
                + bytesReceived() + " B, refused " + refusedTotal() + ", send failures " + sendFailures()
                + ", dropped (queue full) " + droppedQueueFull() + ", reconnects " + reconnects();
    }
}
