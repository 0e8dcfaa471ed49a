package org.maftia.net.tcp;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
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
 */
public class TcpCompleteSession extends NetworkSession {

    private static final Logger LOG = LoggerFactory.getLogger(TcpCompleteSession.class);
    /** A reader acknowledges at least this often, even while more frames wait to be read. */
    static final int ACK_EVERY_FRAMES = 64;
    static final int ACK_EVERY_BYTES = 1 << 20;

    private final TcpSettings settings;
    private final Map<InetWithPort, PeerLink> peers = new ConcurrentHashMap<>();
    private final Set<SocketChannel> accepted = ConcurrentHashMap.newKeySet();
    private ServerSocketChannel server;

    private final ConnectionCounters connections = new ConnectionCounters();

    TcpCompleteSession(TcpCompleteLayer layer, TcpSettings settings, ConnectionAuthenticator authenticator) {
        super(layer);
        this.settings = settings;
    }

    public ConnectionCounters connections() {
        return connections;
    }

    public int pendingConnections() {
        return 0;
    }

    /** Bytes waiting for {@code peer}, for monitoring and tests. */
    public long queuedBytes(InetWithPort peer) {
        PeerLink link = peers.get(peer);
        return link == null ? 0 : link.queuedBytes();
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
        peers.computeIfAbsent(peer, p -> new PeerLink(p, settings, counters)).enqueue(frame);
    }

    private void acceptLoop() {
        ServerSocketChannel listening = server;
        while (listening.isOpen()) {
            try {
                SocketChannel connection = listening.accept();
                connections.recordAccepted();
                connection.setOption(StandardSocketOptions.TCP_NODELAY, true);
                accepted.add(connection);
                Thread.ofVirtual().name("tcp-reader-" + connection.getRemoteAddress()).start(() -> readLoop(connection));
            } catch (IOException e) {
                if (listening.isOpen()) {
                    LOG.warn("TCP: accepting on {} failed: {}", local, e.toString());
                }
            }
        }
    }

    /**
     * Reads frames from one accepted connection and acknowledges, cumulatively, how many frames it
     * has read, so the sender can forget them (see {@link PeerLink}): after each burst (nothing
     * more to read yet), and at least every {@value #ACK_EVERY_FRAMES} frames or
     * {@value #ACK_EVERY_BYTES} bytes. Without the second rule a reader that never runs dry (a
     * sustained stream it only just keeps up with) would never acknowledge, and the sender would
     * drop frames once its unacknowledged bytes reached {@link TcpSettings#maxQueuedBytesPerPeer()}.
     */
    private void readLoop(SocketChannel connection) {
        Channel target = channel;
        ByteBuffer ack = ByteBuffer.allocate(Long.BYTES);
        long framesRead = 0;
        long framesAcked = 0;
        long bytesSinceAck = 0;
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Channels.newInputStream(connection), 1 << 16))) {
            while (true) {
                int length = in.readInt();
                if (length < 0 || length > settings.maxFrameBytes()) {
                    counters.recordRefused(MalformedFrameException.Reason.OVERSIZED);
                    LOG.warn("TCP: a peer announced a frame of {} bytes (limit {}); closing its connection",
                            length, settings.maxFrameBytes());
                    return;
                }
                byte[] frame = new byte[length];
                connections.hold(length);
                in.readFully(frame);
                connections.hold(-length);
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
        } catch (EOFException e) {
            LOG.debug("TCP: a peer closed its connection");
        } catch (IOException e) {
            LOG.debug("TCP: a connection failed: {}", e.toString());
        } finally {
            accepted.remove(connection);
            closeQuietly(connection);
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
    }

    private static void closeQuietly(java.io.Closeable c) {
        try {
            c.close();
        } catch (IOException e) {
            LOG.debug("closing: {}", e.toString());
        }
    }
}
