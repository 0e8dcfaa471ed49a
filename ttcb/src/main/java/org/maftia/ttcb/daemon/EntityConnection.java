package org.maftia.ttcb.daemon;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.maftia.ttcb.core.EntityGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One entity's connection. Its frames go to the TTCB's thread; its replies wait in a bounded
 * outbox that a writer of its own empties, so the TTCB's thread never blocks on an entity's
 * socket (a blocking write there would stop every other entity's calls and the control network's
 * rounds, and halt the local TTCB). An entity that leaves its replies unread until the outbox is
 * full is disconnected; one that starts a frame and stops is disconnected by the server's sweep.
 */
final class EntityConnection {

    private static final Logger log = LoggerFactory.getLogger(EntityConnection.class);
    private static final int IN_FLIGHT = 256;
    /** Some 32 replies of the largest size beyond what the socket buffer holds. */
    static final long OUTBOX_BYTES = 512 * 1024;
    private static final long IDLE = Long.MIN_VALUE;

    private final SocketChannel ch;
    private final EntityGateway gateway;
    /** The peer's user as the kernel reports it, "" where the platform does not say. */
    private final String user;
    private final CallQueue calls;
    private final SocketCounters counters;
    private final Consumer<EntityConnection> onClose;
    private final Semaphore inFlight = new Semaphore(IN_FLIGHT);
    private final LinkedBlockingQueue<ByteBuffer> outbox = new LinkedBlockingQueue<>();
    private final AtomicLong outboxBytes = new AtomicLong();
    private final AtomicBoolean closed = new AtomicBoolean();
    /** When the frame being read began (at first, when the connection was accepted); IDLE between frames. */
    private volatile long frameSince = System.nanoTime();
    private volatile Thread writer;

    EntityConnection(SocketChannel ch, String user, EntityGateway gateway, CallQueue calls, SocketCounters counters,
                     Consumer<EntityConnection> onClose) {
        this.ch = ch;
        this.user = user;
        this.gateway = gateway;
        this.calls = calls;
        this.counters = counters;
        this.onClose = onClose;
    }

    void start() {
        writer = Thread.ofVirtual().name("ttcb-entity-writer").start(this::write);
        Thread.ofVirtual().name("ttcb-entity").start(this::read);
    }

    private void read() {
        try {
            while (true) {
                SocketFraming.Framed f = SocketFraming.read(ch, () -> frameSince = System.nanoTime());
                frameSince = IDLE;
                inFlight.acquire();
                calls.submit(() -> gateway.handle(user, f.frame()).whenComplete((r, e) -> reply(f.correlation(), r)));
            }
        } catch (IOException e) {
            log.debug("entity connection closed: {}", e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            close();
        }
    }

    /** Runs where the reply completes, often the TTCB's thread: never blocks. */
    private void reply(long correlation, byte[] r) {
        inFlight.release();
        if (r == null || closed.get()) {
            return;
        }
        ByteBuffer b = SocketFraming.encode(correlation, r);
        if (outboxBytes.addAndGet(b.remaining()) > OUTBOX_BYTES) {
            long n = counters.slowReaderClosed();
            if (SocketCounters.worthLogging(n)) {
                log.warn("an entity left {} bytes of replies unread; disconnected it ({} so far)", OUTBOX_BYTES, n);
            }
            close();
            return;
        }
        outbox.add(b);
    }

    private void write() {
        try {
            while (!closed.get()) {
                ByteBuffer b = outbox.take();
                int size = b.remaining();
                SocketFraming.write(ch, b);
                outboxBytes.addAndGet(-size);
            }
        } catch (IOException e) {
            log.debug("entity went away: {}", e.toString());
        } catch (InterruptedException e) {
            // Closed while waiting for a reply to write.
        } finally {
            close();
        }
    }

    /** True when a frame has been under way for longer than {@code timeoutNanos}. */
    boolean stalled(long now, long timeoutNanos) {
        long since = frameSince;
        return since != IDLE && now - since > timeoutNanos;
    }

    void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        try {
            ch.close();
        } catch (IOException e) {
            log.debug("closing an entity connection: {}", e.toString());
        }
        Thread w = writer;
        if (w != null) {
            w.interrupt();
        }
        outbox.clear();
        onClose.accept(this);
    }
}
