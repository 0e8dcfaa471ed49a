package org.maftia.net.tcp;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.maftia.net.InetWithPort;
import org.maftia.net.NetworkCounters;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The outbound connection to one peer and its writer thread. Frames wait in a queue bounded in
 * bytes; the writer connects on demand, writes whatever is queued in one gathering write, and on
 * failure reconnects with exponential back-off and writes the failed batch again (at least once:
 * the authenticated link above drops the duplicates as replays).
 */
final class PeerLink {

    private static final Logger LOG = LoggerFactory.getLogger(PeerLink.class);
    private static final int MAX_BATCH_BYTES = 1 << 20;

    private final InetWithPort peer;
    private final TcpSettings settings;
    private final NetworkCounters counters;
    private final LinkedBlockingQueue<byte[]> queue = new LinkedBlockingQueue<>();
    private final AtomicLong queuedBytes = new AtomicLong();
    private final Thread writer;
    private volatile boolean closed;
    private volatile boolean dropping;
    private SocketChannel socket;

    PeerLink(InetWithPort peer, TcpSettings settings, NetworkCounters counters) {
        this.peer = peer;
        this.settings = settings;
        this.counters = counters;
        this.writer = Thread.ofVirtual().name("tcp-writer-" + peer).start(this::writeLoop);
    }

    /** Queues a frame; false (and counted) when the peer's queue is full. */
    boolean enqueue(byte[] frame) {
        long after = queuedBytes.addAndGet(frame.length + 4L);
        if (after > settings.maxQueuedBytesPerPeer() || closed) {
            queuedBytes.addAndGet(-(frame.length + 4L));
            counters.recordQueueFullDrop();
            if (!dropping) {
                dropping = true;
                LOG.warn("TCP: {} bytes already wait for {}; dropping frames to it until it catches up", after, peer);
            }
            return false;
        }
        queue.add(frame);
        return true;
    }

    long queuedBytes() {
        return queuedBytes.get();
    }

    void close() {
        closed = true;
        writer.interrupt();
        closeSocket();
    }

    private void writeLoop() {
        List<byte[]> batch = new ArrayList<>();
        Duration backoff = settings.minBackoff();
        while (!closed) {
            try {
                if (batch.isEmpty()) {
                    batch.add(queue.take());
                    drainInto(batch);
                }
                ensureConnected();
                write(batch);
                for (byte[] f : batch) {
                    queuedBytes.addAndGet(-(f.length + 4L));
                    counters.recordSent(f.length);
                }
                batch.clear();
                dropping = false;
                backoff = settings.minBackoff();
            } catch (InterruptedException e) {
                return;
            } catch (IOException e) {
                counters.recordSendFailure();
                closeSocket();
                LOG.debug("TCP: link to {} failed ({}); retrying in {}", peer, e.toString(), backoff);
                if (!pause(backoff)) {
                    return;
                }
                backoff = backoff.multipliedBy(2).compareTo(settings.maxBackoff()) > 0 ? settings.maxBackoff() : backoff.multipliedBy(2);
            }
        }
    }

    private void drainInto(List<byte[]> batch) {
        int bytes = batch.getFirst().length;
        byte[] next;
        while (bytes < MAX_BATCH_BYTES && (next = queue.poll()) != null) {
            batch.add(next);
            bytes += next.length;
        }
    }

    private void ensureConnected() throws IOException {
        if (socket != null && socket.isOpen()) {
            return;
        }
        SocketChannel s = SocketChannel.open();
        try {
            s.setOption(StandardSocketOptions.TCP_NODELAY, true);
            s.socket().connect(new InetSocketAddress(peer.host(), peer.port()), (int) settings.connectTimeout().toMillis());
        } catch (IOException e) {
            s.close();
            throw e;
        }
        if (socket != null) {
            counters.recordReconnect();
        }
        socket = s;
    }

    private void write(List<byte[]> batch) throws IOException {
        ArrayDeque<ByteBuffer> buffers = new ArrayDeque<>(batch.size() * 2);
        for (byte[] frame : batch) {
            buffers.add(ByteBuffer.allocate(4).putInt(0, frame.length));
            buffers.add(ByteBuffer.wrap(frame));
        }
        ByteBuffer[] all = buffers.toArray(ByteBuffer[]::new);
        int first = 0;
        while (first < all.length) {
            socket.write(all, first, all.length - first);
            while (first < all.length && !all[first].hasRemaining()) {
                first++;
            }
        }
    }

    /** Back-off between reconnection attempts, on this I/O thread (never a protocol thread). */
    private boolean pause(Duration d) {
        try {
            TimeUnit.NANOSECONDS.sleep(d.toNanos());
            return !closed;
        } catch (InterruptedException e) {
            return false;
        }
    }

    private void closeSocket() {
        SocketChannel s = socket;
        if (s != null) {
            try {
                s.close();
            } catch (IOException e) {
                LOG.debug("closing the link to {}: {}", peer, e.toString());
            }
        }
    }
}
