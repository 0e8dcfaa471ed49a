package org.maftia.net.client;

import java.io.EOFException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.function.Consumer;
import org.maftia.net.link.LinkKeyPair;

/**
 * A client's connection to one site of an open group (spec 5.3.3). A client holds one per site:
 * it sends a request to one and receives replies from all. Frames from the site reach
 * {@code onFrame} in order on the connection's reader thread.
 */
public final class ClientConnection implements AutoCloseable {

    /** Queued requests, at most: a site that does not read makes {@link #send} wait, then fail. */
    static final long OUTBOX_BYTES = 2L * SecureChannel.sealedSize(ClientEndpointSettings.FRAME_LIMIT);

    private final SecureChannel channel;
    private final Duration timeout;
    private final ClientCounters counters;

    private ClientConnection(SecureChannel channel, Duration timeout, ClientCounters counters) {
        this.channel = channel;
        this.timeout = timeout;
        this.counters = counters;
    }

    /**
     * Connects and runs the handshake within {@code timeout}.
     *
     * @throws SiteNotAuthenticatedException the site did not prove {@code siteLinkPublicKey}
     * @throws ClientRefusedException the genuine site does not admit this client, or is full
     * @throws IOException the site could not be reached or closed the connection (its pending
     *         handshakes are at their bound, for one) within the timeout
     */
    public static ClientConnection connect(InetSocketAddress site, byte[] siteLinkPublicKey, LinkKeyPair clientKeys,
            Duration timeout, Consumer<byte[]> onFrame, Runnable onClosed) throws IOException {
        if (siteLinkPublicKey.length != Handshake.KEY_BYTES) {
            throw new IllegalArgumentException("a site link public key has 32 bytes, not " + siteLinkPublicKey.length);
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        Socket socket = new Socket();
        try {
            socket.connect(site, (int) Math.max(1, Math.min(Integer.MAX_VALUE, timeout.toMillis())));
            socket.setTcpNoDelay(true);
            ClientHandshake hs = new ClientHandshake(siteLinkPublicKey, clientKeys);
            socket.getOutputStream().write(hs.hello());
            byte[] reply = new byte[Handshake.REPLY_BYTES];
            try {
                Wire.readFully(socket, socket.getInputStream(), reply, deadline);
            } catch (EOFException e) {
                throw new EOFException("site " + site + " closed the connection before answering the handshake");
            }
            SymmetricState.SessionKeys keys = hs.reply(reply);
            socket.setSoTimeout(0);
            ClientCounters counters = new ClientCounters();
            SecureChannel channel = new SecureChannel(socket, keys, false, ClientEndpointSettings.FRAME_LIMIT,
                    OUTBOX_BYTES, counters, new SecureChannel.Listener() {
                        @Override
                        public void frame(byte[] payload) {
                            onFrame.accept(payload);
                        }

                        @Override
                        public void closed(CloseReason reason) {
                            onClosed.run();
                        }
                    });
            socket.getOutputStream().write(channel.sealConfirmation());
            channel.startWriter(site.toString());
            Thread.ofVirtual().name("client-reader-" + site).start(channel::readLoop);
            return new ClientConnection(channel, timeout, counters);
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
    }

    /**
     * Queues a frame for the site, waiting at most the connection's timeout for room.
     *
     * @throws IOException the connection is closed, or the site did not read for the timeout
     *         (the connection is then closed)
     * @throws IllegalArgumentException the frame is over {@link ClientEndpointSettings#FRAME_LIMIT}
     */
    public void send(byte[] frame) throws IOException {
        if (frame.length > ClientEndpointSettings.FRAME_LIMIT) {
            throw new IllegalArgumentException("a frame of " + frame.length + " bytes is over the limit " + ClientEndpointSettings.FRAME_LIMIT);
        }
        boolean queued;
        try {
            queued = channel.offer(frame, timeout.toNanos());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while the site's connection was full");
        }
        if (!queued) {
            throw new IOException("the connection to the site is closed");
        }
    }

    public boolean isOpen() {
        return channel.isOpen();
    }

    /** Traffic and why the connection ended, as the client saw it. */
    public ClientCounters counters() {
        return counters;
    }

    @Override
    public void close() {
        channel.close(CloseReason.CLOSED_LOCALLY);
    }
}
