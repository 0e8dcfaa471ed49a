package org.maftia.net.client;

import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Sealed frames waiting for one connection's writer, bounded in bytes. A frame counts until the
 * writer has written it, so a writer stuck on a peer that does not read still holds the bound.
 */
final class Outbox {

    private final long limit;
    private final AtomicLong gauge;
    private final ArrayDeque<byte[]> frames = new ArrayDeque<>();
    private long bytes;
    private boolean closed;

    Outbox(long limit, AtomicLong gauge) {
        this.limit = limit;
        this.gauge = gauge;
    }

    /** Adds the frame if it fits now; never waits. */
    synchronized boolean offer(byte[] frame) {
        if (closed || bytes + frame.length > limit) {
            return false;
        }
        add(frame);
        return true;
    }

    /** Adds the frame, waiting at most {@code timeoutNanos} for room. */
    synchronized boolean offer(byte[] frame, long timeoutNanos) throws InterruptedException {
        long deadline = System.nanoTime() + timeoutNanos;
        while (!closed && bytes + frame.length > limit) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
        if (closed) {
            return false;
        }
        add(frame);
        return true;
    }

    /** The next frame to write, or null once closed. */
    synchronized byte[] take() throws InterruptedException {
        while (!closed && frames.isEmpty()) {
            wait();
        }
        return closed ? null : frames.poll();
    }

    /** The writer wrote a frame it took: its bytes no longer count. */
    synchronized void written(int length) {
        if (!closed) {
            bytes -= length;
            gauge.addAndGet(-length);
            notifyAll();
        }
    }

    synchronized void close() {
        if (!closed) {
            closed = true;
            gauge.addAndGet(-bytes);
            bytes = 0;
            frames.clear();
            notifyAll();
        }
    }

    private void add(byte[] frame) {
        frames.add(frame);
        bytes += frame.length;
        gauge.addAndGet(frame.length);
        notifyAll();
    }
}
