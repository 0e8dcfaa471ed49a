package org.maftia.net.client;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import org.maftia.net.link.LinkKeyPair;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A site's client port (spec 5.3.3): clients of the open group connect here, prove their key in
 * the handshake, and exchange frames with the site. One virtual thread per connection runs its
 * handshake and then reads its frames, so a client's frames reach the handler in order; one
 * writer per session drains its bounded outbox, so a client that does not read slows nobody.
 */
public final class ClientEndpoint implements AutoCloseable {

    /** What the site does with its clients' frames; called on each session's reader thread. */
    public interface Handler {
        void received(ClientSession from, byte[] frame);

        /** The session ended; called before its connection is closed, so it should not block. */
        default void closed(ClientSession session) {
        }
    }

    /** Held per connection in its handshake: the hello and the confirmation. */
    static final int HANDSHAKE_BUFFER_BYTES = Handshake.HELLO_BYTES + Handshake.CONFIRM_BYTES;
    private static final Logger LOG = LoggerFactory.getLogger(ClientEndpoint.class);

    private final ServerSocket server;
    private final LinkKeyPair siteKeys;
    private final ClientAdmission admission;
    private final ClientEndpointSettings settings;
    private final Handler handler;
    private final ClientCounters counters = new ClientCounters();
    private final PendingGate gate;
    private final Map<ClientId, EndpointSession> sessions = new ConcurrentHashMap<>();
    private final Set<Socket> handshaking = ConcurrentHashMap.newKeySet();
    private final SecureRandom random = new SecureRandom();
    private final AtomicBoolean closed = new AtomicBoolean();

    private ClientEndpoint(ServerSocket server, LinkKeyPair siteKeys, ClientAdmission admission,
            ClientEndpointSettings settings, Handler handler) {
        this.server = server;
        this.siteKeys = siteKeys;
        this.admission = admission;
        this.settings = settings;
        this.handler = handler;
        this.gate = new PendingGate(settings.maxPending(), settings.maxPendingPerAddress(), counters.pendingGauge());
    }

    public static ClientEndpoint open(InetSocketAddress bind, LinkKeyPair siteKeys, ClientAdmission admission,
            ClientEndpointSettings settings, Handler handler) throws IOException {
        ServerSocket server = new ServerSocket();
        try {
            server.bind(bind, settings.maxPending());
        } catch (IOException e) {
            server.close();
            throw e;
        }
        ClientEndpoint endpoint = new ClientEndpoint(server, siteKeys, admission, settings, handler);
        Thread.ofVirtual().name("client-accept-" + endpoint.localAddress()).start(endpoint::acceptLoop);
        return endpoint;
    }

    public InetSocketAddress localAddress() {
        return (InetSocketAddress) server.getLocalSocketAddress();
    }

    /** The live session of that client, if it is connected. */
    public Optional<ClientSession> session(ClientId id) {
        return Optional.ofNullable(sessions.get(id));
    }

    public ClientCounters counters() {
        return counters;
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        closeQuietly(server);
        handshaking.forEach(ClientEndpoint::closeQuietly);
        List<EndpointSession> all;
        synchronized (sessions) {
            all = new ArrayList<>(sessions.values());
        }
        all.forEach(EndpointSession::close);
    }

    private void acceptLoop() {
        while (!closed.get()) {
            Socket s;
            try {
                s = server.accept();
            } catch (IOException e) {
                if (!closed.get()) {
                    // Out of descriptors, say: the port stays open and tries again shortly.
                    LOG.warn("{}: accepting a client failed: {}", localAddress(), e.toString());
                    LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
                }
                continue;
            }
            InetAddress from = s.getInetAddress();
            if (!gate.tryEnter(from)) {
                counters.recordRefusedFull();
                closeQuietly(s);
                continue;
            }
            Thread.ofVirtual().name("client-" + s.getRemoteSocketAddress()).start(() -> serve(s, from));
        }
    }

    /** Handshake within the pending bounds, then, once authenticated, this thread reads the session. */
    private void serve(Socket s, InetAddress from) {
        handshaking.add(s);
        counters.bufferedGauge().addAndGet(HANDSHAKE_BUFFER_BYTES);
        EndpointSession session = null;
        try {
            if (!closed.get()) {
                session = handshake(s);
            }
        } finally {
            counters.bufferedGauge().addAndGet(-HANDSHAKE_BUFFER_BYTES);
            handshaking.remove(s);
            gate.leave(from);
            if (session == null) {
                // also when the admission callback threw
                closeQuietly(s);
            }
        }
        if (session != null) {
            session.channel().readLoop();
        }
    }

    /** The authenticated, published session, or null after counting why not. */
    private EndpointSession handshake(Socket s) {
        long deadline = System.nanoTime() + settings.handshakeTimeout().toNanos();
        try {
            s.setTcpNoDelay(true);
            InputStream in = s.getInputStream();
            byte[] hello = new byte[Handshake.HELLO_BYTES];
            Wire.readFully(s, in, hello, deadline);
            SiteHandshake hs = new SiteHandshake(siteKeys, random);
            SiteHandshake.Hello h = hs.hello(hello);
            if (h.failure() == SiteHandshake.Failure.MALFORMED) {
                counters.recordMalformed();
                return null;
            }
            if (h.failure() == SiteHandshake.Failure.NOT_AUTHENTIC) {
                // Random bytes the size of a reply: a client that has the wrong site key learns
                // so from the tag, as from an impostor; anyone else learns nothing.
                counters.recordHandshakeFailed();
                s.getOutputStream().write(decoyReply());
                return null;
            }
            ClientId id = new ClientId(h.clientPublic());
            Optional<String> name = admission.admit(h.clientPublic());
            byte status = name.isEmpty() ? Handshake.NOT_ADMITTED : full(id) ? Handshake.SITE_FULL : Handshake.ACCEPTED;
            if (status == Handshake.NOT_ADMITTED) {
                counters.recordRefusedNotAdmitted();
            } else if (status == Handshake.SITE_FULL) {
                counters.recordRefusedFull();
            }
            s.getOutputStream().write(hs.reply(status));
            if (status != Handshake.ACCEPTED) {
                return null;
            }
            byte[] confirmation = new byte[Handshake.CONFIRM_BYTES];
            Wire.readFully(s, in, confirmation, deadline);
            EndpointSession session = new EndpointSession(id, name.get(), settings.maxFrameBytes());
            SecureChannel channel = new SecureChannel(s, hs.keys(), true, settings.maxFrameBytes(),
                    settings.outboxBytesPerClient(), counters, listener(session));
            session.attach(channel);
            // A replayed hello ends here: the confirmation needs DH(e, f) and DH(c, f).
            if (!channel.openConfirmation(confirmation)) {
                counters.recordHandshakeFailed();
                return null;
            }
            s.setSoTimeout((int) settings.idleTimeout().toMillis());
            return publish(session) ? session : null;
        } catch (SocketTimeoutException e) {
            counters.recordTimedOut();
            return null;
        } catch (IOException e) {
            counters.recordHandshakeFailed();
            return null;
        }
    }

    private boolean full(ClientId id) {
        synchronized (sessions) {
            return !sessions.containsKey(id) && sessions.size() >= settings.maxSessions();
        }
    }

    /** Makes the session the client's live one, replacing an older one: the client reconnected. */
    private boolean publish(EndpointSession session) {
        EndpointSession previous;
        synchronized (sessions) {
            if (closed.get()) {
                return false;
            }
            previous = sessions.get(session.client());
            if (previous == null && sessions.size() >= settings.maxSessions()) {
                counters.recordRefusedFull();
                return false;
            }
            sessions.put(session.client(), session);
            counters.sessionsGauge().set(sessions.size());
        }
        if (previous != null) {
            previous.channel().close(CloseReason.REPLACED);
        }
        session.channel().startWriter(session.name());
        LOG.info("{}: {} connected", localAddress(), session);
        return true;
    }

    private SecureChannel.Listener listener(EndpointSession session) {
        return new SecureChannel.Listener() {
            @Override
            public void frame(byte[] payload) {
                handler.received(session, payload);
            }

            @Override
            public void closed(CloseReason reason) {
                synchronized (sessions) {
                    sessions.remove(session.client(), session);
                    counters.sessionsGauge().set(sessions.size());
                }
                LOG.info("{}: {} closed ({})", localAddress(), session, reason);
                handler.closed(session);
            }
        };
    }

    private byte[] decoyReply() {
        byte[] decoy = new byte[Handshake.REPLY_BYTES];
        random.nextBytes(decoy);
        return decoy;
    }

    private static void closeQuietly(Closeable c) {
        try {
            c.close();
        } catch (IOException e) {
            LOG.debug("closing: {}", e.toString());
        }
    }
}
