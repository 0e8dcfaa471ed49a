package org.maftia.ttcb.daemon;

import java.util.concurrent.atomic.AtomicLong;

/**
 * What the entity socket refused to let one entity cost the others: connections closed because
 * their replies went unread, closed because a frame stopped half-way, and refused because their
 * user (or the whole socket) had too many open.
 */
public final class SocketCounters {

    private final AtomicLong slowReadersClosed = new AtomicLong();
    private final AtomicLong readTimeouts = new AtomicLong();
    private final AtomicLong connectionsRefused = new AtomicLong();

    public long slowReadersClosed() {
        return slowReadersClosed.get();
    }

    public long readTimeouts() {
        return readTimeouts.get();
    }

    public long connectionsRefused() {
        return connectionsRefused.get();
    }

    long slowReaderClosed() {
        return slowReadersClosed.incrementAndGet();
    }

    long readTimedOut() {
        return readTimeouts.incrementAndGet();
    }

    long connectionRefused() {
        return connectionsRefused.incrementAndGet();
    }

    /** The first and then every doubling: an entity that provokes them by the thousand cannot flood the log. */
    static boolean worthLogging(long n) {
        return Long.bitCount(n) == 1;
    }

    @Override
    public String toString() {
        return "slow readers closed " + slowReadersClosed + ", read timeouts " + readTimeouts + ", connections refused " + connectionsRefused;
    }
}
