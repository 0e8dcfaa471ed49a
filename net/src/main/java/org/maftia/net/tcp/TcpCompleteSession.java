package org.maftia.net.tcp;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Future;
import org.maftia.appia.Channel;
import org.maftia.appia.ChannelClose;
import org.maftia.appia.ChannelInit;
import org.maftia.appia.Direction;
import org.maftia.appia.Event;
import org.maftia.appia.SendableEvent;
import org.maftia.net.InetWithPort;
import org.maftia.net.MalformedFrameException;
import org.maftia.net.NetworkSession;
import org.maftia.net.RegisterSocketEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The session of {@link TcpCompleteLayer}: a listening socket with an accept thread, one reader
 * thread per accepted connection, one {@link PeerLink} per destination. A frame longer than the
 * limit closes its connection (the stream cannot be resynchronised); a frame that does not decode
 * is dropped; both are counted.
 *
 * <p>With a {@link ConnectionAuthenticator}, an accepted connection is pending until it passes the
 * {@link Handshake}; pending connections are bounded ({@link PendingConnections}) and closed when
 * the handshake takes longer than {@link TcpSettings#handshakeTimeout()}; no frame is read from a
 * connection before its sender proved it is a site of the group, and each site has at most one
 * authenticated inbound connection: a newer one (a restarted or reconnecting site) replaces the
 * older. Every refusal is counted in {@link #connections()} by {@link ConnectionRefusal}.
 */
public class TcpCompleteSession extends NetworkSession {

    private static final Logger LOG = LoggerFactory.getLogger(TcpCompleteSession.class);
    /** A reader acknowledges at least this often, even while more frames wait to be read. */
    static final int ACK_EVERY_FRAMES = 64;
    static final int ACK_EVERY_BYTES = 1 << 20;
    /**
     * A reader's first buffer for a frame holds up to this many bytes; a larger frame's buffer
     * doubles each time it is full, up to the announced length, so what a reader holds follows the
     * bytes that arrived, not the length announced. 128 KiB take a 64 KiB payload with its headers
     * in one allocation.
     */
    static final int FIRST_CHUNK_BYTES = 128 << 10;

    private final TcpSettings settings;
    private final Map<InetWithPort, PeerLink> peers = new ConcurrentHashMap<>();
    private final Set<SocketChannel> accepted = ConcurrentHashMap.newKeySet();
    private final ConnectionCounters connections = new ConnectionCounters();
    /** Null without an authenticator: connections are then read from at once. */
    private final Handshake handshake;
    private final PendingConnections pending;
    /** The authenticated inbound connection of each site. */
    private final Map<Integer, SocketChannel> inbound = new ConcurrentHashMap<>();
    private ServerSocketChannel server;

    TcpCompleteSession(TcpCompleteLayer layer, TcpSettings settings, ConnectionAuthenticator authenticator) {
        super(layer);
        this.settings = settings;
        this.handshake = authenticator == null ? null : new Handshake(authenticator, settings.handshakeTimeout());
        this.pending = new PendingConnections(settings.maxPendingConnections(), settings.maxPendingPerAddress());
    }

    /** Bytes waiting for {@code peer}, for monitoring and tests. */
    public long queuedBytes(InetWithPort peer) {
        PeerLink link = peers.get(peer);
        return link == null ? 0 : link.queuedBytes();
    }

    /** Connections accepted and refused, and the bytes held for frames being read. */
    public ConnectionCounters connections() {
        return connections;
    }

    /** Accepted connections whose handshake is not done yet. */
    public int pendingConnections() {
        return pending.size();
    }

    @Override
    public void handle(Event event) {
        switch (event) {
            case ChannelInit init -> {
                bindTo(init.getChannel());
                init.go();
            }
            case RegisterSocketEvent register when register.getDirection().isDown() -> onRegister(register);
            case TcpAsyncEvent received -> deliver(received.received());
            case SendableEvent sendable when sendable.getDirection().isDown() -> send(sendable);
            case ChannelClose close -> {
                closeAll();
                close.go();
            }
            default -> event.go();
        }
    }

    private void onRegister(RegisterSocketEvent register) {
        bindTo(register.getChannel());
        if (server != null) {
            register.answer(null, "this TCP session already listens on " + local);
        } else {
            try {
                server = ServerSocketChannel.open();
                server.setOption(StandardSocketOptions.SO_REUSEADDR, true);
                server.bind(register.requested().toSocketAddress());
                local = InetWithPort.of((InetSocketAddress) server.getLocalAddress());
                Thread.ofVirtual().name("tcp-accept-" + local).start(this::acceptLoop);
                register.answer(local, null);
            } catch (IOException | RuntimeException e) {
                closeAll();
                register.answer(null, "cannot listen on " + register.requested() + ": " + e.getMessage());
            }
        }
        reply(register);
    }

    private void send(SendableEvent event) {
        if (!(event.dest instanceof InetWithPort peer)) {
            counters.recordSendFailure();
            LOG.warn("TCP: dropped a {} whose dest {} is not an InetWithPort", event.getClass().getSimpleName(), event.dest);
            return;
        }
        if (event.source == null) {
            event.source = local;
        }
        byte[] frame = codec.encode(event);
        if (frame.length > settings.maxFrameBytes()) {
            counters.recordRefused(MalformedFrameException.Reason.OVERSIZED);
            LOG.warn("TCP: dropped a {} of {} bytes, over the frame limit of {}", event.getClass().getSimpleName(),
                    frame.length, settings.maxFrameBytes());
            return;
        }
        peers.computeIfAbsent(peer, p -> new PeerLink(p, settings, counters, handshake, this::refused)).enqueue(frame);
    }

    private void acceptLoop() {
        ServerSocketChannel listening = server;
        while (listening.isOpen()) {
            try {
                SocketChannel connection = listening.accept();
                connections.recordAccepted();
                if (admit(connection)) {
                    accepted.add(connection);
                    Thread.ofVirtual().name("tcp-reader").start(() -> serve(connection));
                }
            } catch (IOException e) {
                if (listening.isOpen()) {
                    LOG.warn("TCP: accepting on {} failed: {}", local, e.toString());
                }
            }
        }
    }

    /** Makes {@code connection} pending, unless its address has its share already (then closes it). */
    private boolean admit(SocketChannel connection) {
        if (handshake == null) {
            return true;
        }
        InetAddress from;
        try {
            from = ((InetSocketAddress) connection.getRemoteAddress()).getAddress();
        } catch (IOException e) {
            closeQuietly(connection);
            return false;
        }
        PendingConnections.Admission admission = pending.admit(connection, from);
        if (!admission.admitted()) {
            refused(ConnectionRefusal.ADDRESS_CAP, from.toString());
            closeQuietly(connection);
            return false;
        }
        if (admission.displaced() != null) {
            refused(ConnectionRefusal.PENDING_CAP, "the oldest pending connection closed for one from " + from);
            closeQuietly(admission.displaced());
        }
        return true;
    }

    /** Authenticates one accepted connection (when there is an authenticator), then reads its frames. */
    private void serve(SocketChannel connection) {
        int site = -1;
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Channels.newInputStream(connection), 1 << 16))) {
            connection.setOption(StandardSocketOptions.TCP_NODELAY, true);
            if (handshake != null) {
                site = authenticate(connection, in);
                if (site < 0) {
                    return;
                }
            }
            readFrames(connection, in);
        } catch (EOFException e) {
            LOG.debug("TCP: a peer closed its connection");
        } catch (IOException e) {
            LOG.debug("TCP: a connection failed: {}", e.toString());
        } finally {
            if (site >= 0) {
                inbound.remove(site, connection);
            }
            pending.remove(connection);
            accepted.remove(connection);
            closeQuietly(connection);
        }
    }

    /**
     * Runs the acceptor's side of the handshake on a pending connection, within the timeout; reads
     * only the handshake's fixed-size message. Returns the site that proved itself, or -1 when the
     * connection was refused (and counted).
     */
    private int authenticate(SocketChannel connection, DataInputStream in) {
        Future<?> deadline = handshake.deadline(() -> {
            if (pending.remove(connection)) {
                refused(ConnectionRefusal.HANDSHAKE_TIMEOUT, "a connection");
                closeQuietly(connection);
            }
        });
        int site;
        try {
            site = handshake.accept(in, connection);
        } catch (IOException e) {
            // Not pending any more: displaced or timed out, and counted as such.
            if (pending.remove(connection)) {
                refused(ConnectionRefusal.HANDSHAKE_FAILED, e.toString());
            }
            return -1;
        } finally {
            deadline.cancel(false);
        }
        if (!pending.remove(connection)) {
            return -1;
        }
        SocketChannel older = inbound.put(site, connection);
        if (older != null) {
            connections.recordReplaced();
            closeQuietly(older);
        }
        return site;
    }

    /**
     * Reads frames from one connection and acknowledges, cumulatively, how many frames it has
     * read, so the sender can forget them (see {@link PeerLink}): after each burst (nothing more
     * to read yet), and at least every {@value #ACK_EVERY_FRAMES} frames or
     * {@value #ACK_EVERY_BYTES} bytes. Without the second rule a reader that never runs dry (a
     * sustained stream it only just keeps up with) would never acknowledge, and the sender would
     * drop frames once its unacknowledged bytes reached {@link TcpSettings#maxQueuedBytesPerPeer()}.
     */
    private void readFrames(SocketChannel connection, DataInputStream in) throws IOException {
        Channel target = channel;
        ByteBuffer ack = ByteBuffer.allocate(Long.BYTES);
        long framesRead = 0;
        long framesAcked = 0;
        long bytesSinceAck = 0;
        while (true) {
            int length = in.readInt();
            if (length < 0 || length > settings.maxFrameBytes()) {
                counters.recordRefused(MalformedFrameException.Reason.OVERSIZED);
                LOG.warn("TCP: a peer announced a frame of {} bytes (limit {}); closing its connection",
                        length, settings.maxFrameBytes());
                return;
            }
            byte[] frame = readFrame(in, length);
            framesRead++;
            bytesSinceAck += Integer.BYTES + length;
            counters.recordReceived(length);
            try {
                new TcpAsyncEvent(codec.decode(frame, 0, length)).asyncGo(target, Direction.up());
            } catch (MalformedFrameException e) {
                counters.recordRefused(e.reason());
                LOG.debug("TCP: refused a frame: {}", e.getMessage());
            }
            if (framesRead - framesAcked >= ACK_EVERY_FRAMES || bytesSinceAck >= ACK_EVERY_BYTES || in.available() == 0) {
                ack.clear();
                ack.putLong(0, framesRead);
                while (ack.hasRemaining()) {
                    connection.write(ack);
                }
                framesAcked = framesRead;
                bytesSinceAck = 0;
            }
        }
    }

    /** The {@code length} bytes of a frame, in a buffer that grows only as they arrive. */
    private byte[] readFrame(DataInputStream in, int length) throws IOException {
        byte[] frame = new byte[Math.min(length, FIRST_CHUNK_BYTES)];
        long held = frame.length;
        connections.hold(held);
        try {
            int filled = 0;
            while (true) {
                in.readFully(frame, filled, frame.length - filled);
                filled = frame.length;
                if (filled == length) {
                    return frame;
                }
                int grown = (int) Math.min(length, 2L * filled);
                connections.hold(grown - held);
                held = grown;
                frame = Arrays.copyOf(frame, grown);
            }
        } finally {
            connections.hold(-held);
        }
    }

    /**
     * Counts a refused connection. Refusals are logged as warnings when their count reaches a power
     * of two: visible without debug logging, and a flood cannot flood the log.
     */
    private void refused(ConnectionRefusal reason, String detail) {
        long count = connections.recordRefused(reason);
        if (Long.bitCount(count) == 1) {
            LOG.warn("TCP {}: refused a connection ({}): {}; {} so far", local, reason, detail, count);
        } else {
            LOG.debug("TCP {}: refused a connection ({}): {}", local, reason, detail);
        }
    }

    private void closeAll() {
        if (server != null) {
            closeQuietly(server);
        }
        peers.values().forEach(PeerLink::close);
        peers.clear();
        accepted.forEach(TcpCompleteSession::closeQuietly);
        accepted.clear();
        if (handshake != null) {
            handshake.close();
        }
    }

    private static void closeQuietly(java.io.Closeable c) {
        try {
            c.close();
        } catch (IOException e) {
            LOG.debug("closing: {}", e.toString());
        }
    }
}
