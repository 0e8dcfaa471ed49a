package org.maftia.bench.net;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Credit-based flow control between the sending thread and the thread that sees messages arrive:
 * at most {@link #size} messages are ever sent and not yet received, so no queue of the stack
 * under test grows without bound (and none may drop). The receiving side calls
 * {@link #arrived()} once per message, in order; the sender calls {@link #reserve} before it
 * sends and {@link #drain} to wait for everything sent.
 *
 * <p>The sender blocks by parking, never by sleeping: it publishes the count it waits for in
 * {@code wakeAt}, the receiver unparks it when its count reaches that. Both fields are volatile,
 * written then read in opposite orders by the two threads, so a wake-up cannot be lost. While it
 * waits, the sender wakes every {@value #CHECK_MILLIS} ms to run the health check it was given
 * (drop counters, session failures) and gives up with an exception after
 * {@value #STALL_SECONDS} s without progress: a broken stack fails the run, it cannot hang it.
 */
final class Window {

    static final long CHECK_MILLIS = 100;
    static final long STALL_SECONDS = 20;

    final int size;
    private final Runnable healthCheck;
    /** Messages received; written by the receiving thread only. */
    private volatile long received;
    private volatile long wakeAt = Long.MAX_VALUE;
    private volatile Thread waiter;
    private volatile RuntimeException failure;
    /** Messages sent; the sending thread only. */
    private long sent;

    Window(int size, Runnable healthCheck) {
        if (size < 1) {
            throw new IllegalArgumentException("window " + size);
        }
        this.size = size;
        this.healthCheck = healthCheck;
    }

    /** Receiving thread: one more message arrived (and passed its checks). */
    void arrived() {
        long r = received + 1;
        received = r;
        if (r >= wakeAt) {
            wakeAt = Long.MAX_VALUE;
            LockSupport.unpark(waiter);
        }
    }

    /** Any thread: the run is broken; the sender throws {@code e} at its next wait or check. */
    void fail(RuntimeException e) {
        if (failure == null) {
            failure = e;
        }
        Thread w = waiter;
        if (w != null) {
            LockSupport.unpark(w);
        }
    }

    /** Sending thread: waits until {@code k} more messages fit in the window, and counts them as sent. */
    void reserve(int k) {
        awaitReceived(sent + k - size);
        sent += k;
    }

    /** Sending thread: waits until every message sent has arrived. */
    void drain() {
        awaitReceived(sent);
    }

    long sent() {
        return sent;
    }

    long received() {
        return received;
    }

    /** Throws the failure a receiving thread reported, if any. */
    void checkFailure() {
        RuntimeException f = failure;
        if (f != null) {
            throw f;
        }
    }

    private void awaitReceived(long target) {
        if (received >= target) {
            checkFailure();
            return;
        }
        waiter = Thread.currentThread();
        long lastCount = received;
        long lastProgress = System.nanoTime();
        try {
            while (true) {
                checkFailure();
                wakeAt = target;
                long r = received;
                if (r >= target) {
                    return;
                }
                LockSupport.parkNanos(this, TimeUnit.MILLISECONDS.toNanos(CHECK_MILLIS));
                r = received;
                long now = System.nanoTime();
                if (r != lastCount) {
                    lastCount = r;
                    lastProgress = now;
                } else if (now - lastProgress >= TimeUnit.MILLISECONDS.toNanos(CHECK_MILLIS)) {
                    // No progress for a while: a drop would show here rather than as a hang.
                    healthCheck.run();
                    if (now - lastProgress > TimeUnit.SECONDS.toNanos(STALL_SECONDS)) {
                        throw new IllegalStateException("benchmark stalled: " + r + " of " + sent
                                + " messages received, none for " + STALL_SECONDS + " s (waiting for " + target + ")");
                    }
                }
            }
        } finally {
            wakeAt = Long.MAX_VALUE;
        }
    }
}
