package org.maftia.net.tcp;

import java.io.DataInputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;
import org.maftia.net.InetWithPort;
import org.maftia.net.NetworkCounters;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The outbound connection to one peer: a writer thread and an acknowledgement reader.
 *
 * <p>A TCP write that succeeds only means the bytes reached the local kernel: when the peer dies,
 * what was written since is lost without an error. So the receiver acknowledges, cumulatively,
 * how many frames it has read on the connection, and the sender keeps each frame until it is
 * acknowledged. When the connection fails (a write error, or the acknowledgement stream ending),
 * the writer reconnects with exponential back-off and first sends again every frame not yet
 * acknowledged. Delivery is at least once; the authenticated link above drops duplicates as
 * replays. Frames queued and unacknowledged together are bounded in bytes; beyond that, new
 * frames to this peer are dropped and counted.
 *
 * <p>With a {@link Handshake}, every connection first proves this site to the peer and checks that
 * the listener is the site of the group at the peer's address: no frame goes to an impostor that
 * took the port. A listener that fails the check is counted
 * ({@link ConnectionRefusal#PEER_NOT_AUTHENTICATED}) and retried with the same back-off.
 */
final class PeerLink {

    private static final Logger LOG = LoggerFactory.getLogger(PeerLink.class);
    private static final int MAX_BATCH_BYTES = 1 << 20;
    /** Put in the queue to make the writer reconnect and resend without new frames. */
    private static final byte[] RECONNECT = new byte[0];

    private final InetWithPort peer;
    private final TcpSettings settings;
    private final NetworkCounters counters;
    /** Null when connections are not authenticated. */
    private final Handshake handshake;
    private final BiConsumer<ConnectionRefusal, String> refused;
    private final LinkedBlockingQueue<byte[]> queue = new LinkedBlockingQueue<>();
    /** Frames written on the current connection (or before it) and not yet acknowledged, oldest first. */
    private final ArrayDeque<byte[]> unacked = new ArrayDeque<>();
    private final AtomicLong pendingBytes = new AtomicLong();
    private final Thread writer;
    private volatile boolean closed;
    private volatile boolean dropping;
    private volatile SocketChannel socket;

    PeerLink(InetWithPort peer, TcpSettings settings, NetworkCounters counters, Handshake handshake,
             BiConsumer<ConnectionRefusal, String> refused) {
        this.peer = peer;
        this.settings = settings;
        this.counters = counters;
        this.handshake = handshake;
        this.refused = refused;
        this.writer = Thread.ofVirtual().name("tcp-writer-" + peer).start(this::writeLoop);
    }

    /** Queues a frame; false (and counted) when this peer already holds too many bytes. */
    boolean enqueue(byte[] frame) {
        long cost = frame.length + 4L;
        long after = pendingBytes.addAndGet(cost);
        if (after > settings.maxQueuedBytesPerPeer() || closed) {
            pendingBytes.addAndGet(-cost);
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

    /** Bytes queued or awaiting acknowledgement. */
    long queuedBytes() {
        return pendingBytes.get();
    }

    void close() {
        closed = true;
        writer.interrupt();
        closeSocket(socket);
    }

    private void writeLoop() {
        Duration backoff = settings.minBackoff();
        while (!closed) {
            try {
                List<byte[]> batch = nextBatch();
                // Unacknowledged from now on: a failed connect or write keeps them for the resend.
                synchronized (unacked) {
                    unacked.addAll(batch);
                }
                if (socket == null || !socket.isOpen()) {
                    connectAndResend();
                } else {
                    write(socket, batch);
                }
                batch.forEach(f -> counters.recordSent(f.length));
                backoff = settings.minBackoff();
            } catch (InterruptedException e) {
                return;
            } catch (IOException e) {
                counters.recordSendFailure();
                closeSocket(socket);
                LOG.debug("TCP: link to {} failed ({}); retrying in {}", peer, e.toString(), backoff);
                if (!pause(backoff)) {
                    return;
                }
                queue.add(RECONNECT);
                Duration doubled = backoff.multipliedBy(2);
                backoff = doubled.compareTo(settings.maxBackoff()) > 0 ? settings.maxBackoff() : doubled;
            }
        }
    }

    /** Waits for work; returns the frames to send now (empty when only a reconnection is due). */
    private List<byte[]> nextBatch() throws InterruptedException {
        List<byte[]> batch = new ArrayList<>();
        byte[] first = queue.take();
        int bytes = 0;
        for (byte[] f = first; f != null; f = bytes < MAX_BATCH_BYTES ? queue.poll() : null) {
            if (f != RECONNECT) {
                batch.add(f);
                bytes += f.length;
            }
        }
        return batch;
    }

    private void connectAndResend() throws IOException {
        // The first connection carries the frames that made the link open it: not a reconnection.
        boolean reconnecting = socket != null;
        SocketChannel s = SocketChannel.open();
        try {
            s.setOption(StandardSocketOptions.TCP_NODELAY, true);
            s.socket().connect(new InetSocketAddress(peer.host(), peer.port()), (int) settings.connectTimeout().toMillis());
            if (handshake != null) {
                authenticate(s);
            }
        } catch (IOException e) {
            s.close();
            throw e;
        }
        List<byte[]> resend;
        synchronized (unacked) {
            // Switching the socket under the lock: from now on only acks of s release frames.
            socket = s;
            resend = new ArrayList<>(unacked);
            if (reconnecting) {
                counters.recordReconnect();
            }
        }
        Thread.ofVirtual().name("tcp-acks-" + peer).start(() -> readAcks(s, resend.size()));
        write(s, resend);
    }

    /** Runs the connector's side of the handshake on {@code s}, within the handshake timeout. */
    private void authenticate(SocketChannel s) throws IOException {
        Future<?> deadline = handshake.deadline(() -> closeSocket(s));
        try {
            int acceptor = handshake.siteAt(peer);
            if (acceptor < 0) {
                throw new Handshake.Failed("no site of the group listens at " + peer);
            }
            handshake.connect(acceptor, new DataInputStream(Channels.newInputStream(s)), s);
        } catch (Handshake.Failed e) {
            refused.accept(ConnectionRefusal.PEER_NOT_AUTHENTICATED, e.getMessage());
            throw e;
        } finally {
            deadline.cancel(false);
        }
    }

    /**
     * Reads the cumulative counts of frames the peer read on connection {@code s}; the first
     * {@code resent} unacknowledged frames were sent again on it before any new one.
     */
    private void readAcks(SocketChannel s, int resent) {
        long acknowledged = 0;
        try (DataInputStream in = new DataInputStream(Channels.newInputStream(s))) {
            while (true) {
                long count = in.readLong();
                if (count < acknowledged) {
                    throw new IOException("acknowledgement went backwards: " + count + " after " + acknowledged);
                }
                release(s, count - acknowledged);
                acknowledged = count;
            }
        } catch (IOException e) {
            if (!closed && s == socket) {
                closeSocket(s);
                queue.add(RECONNECT);
            }
        }
    }

    private void release(SocketChannel s, long frames) {
        synchronized (unacked) {
            if (s != socket) {
                return;
            }
            for (long i = 0; i < frames && !unacked.isEmpty(); i++) {
                pendingBytes.addAndGet(-(unacked.removeFirst().length + 4L));
            }
        }
        dropping = false;
    }

    private static void write(SocketChannel s, List<byte[]> frames) throws IOException {
        if (frames.isEmpty()) {
            return;
        }
        ByteBuffer[] all = new ByteBuffer[frames.size() * 2];
        for (int i = 0; i < frames.size(); i++) {
            byte[] frame = frames.get(i);
            all[2 * i] = ByteBuffer.allocate(4).putInt(0, frame.length);
            all[2 * i + 1] = ByteBuffer.wrap(frame);
        }
        int first = 0;
        while (first < all.length) {
            s.write(all, first, all.length - first);
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

    private static void closeSocket(SocketChannel s) {
        if (s != null) {
            try {
                s.close();
            } catch (IOException e) {
                LOG.debug("closing a link: {}", e.toString());
            }
        }
    }
}
