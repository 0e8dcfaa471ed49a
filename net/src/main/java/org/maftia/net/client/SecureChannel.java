package org.maftia.net.client;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.crypto.AEADBadTagException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One authenticated connection after its handshake, the same at both ends: a writer thread
 * drains a bounded outbox of sealed frames, and one reader ({@link #readLoop}) opens frames in
 * order and hands them on. The first protocol error ends the connection, once, with its reason.
 */
final class SecureChannel {

    /** Where frames and the end of the connection go. */
    interface Listener {
        void frame(byte[] payload);

        /** Once, before the socket closes. */
        void closed(CloseReason reason);
    }

    /** Frames are read into a buffer that grows by at most what has arrived, from this size. */
    static final int READ_CHUNK = 64 << 10;
    private static final Logger LOG = LoggerFactory.getLogger(SecureChannel.class);

    private final Socket socket;
    private final FrameCipher sealer;
    private final FrameCipher opener;
    private final int maxFrameBytes;
    private final Outbox outbox;
    private final ClientCounters counters;
    private final Listener listener;
    private final Object sealLock = new Object();
    private final AtomicBoolean closed = new AtomicBoolean();

    SecureChannel(Socket socket, SymmetricState.SessionKeys keys, boolean siteEnd, int maxFrameBytes,
            long outboxBytes, ClientCounters counters, Listener listener) {
        this.socket = socket;
        this.sealer = new FrameCipher(siteEnd ? keys.siteToClient() : keys.clientToSite());
        this.opener = new FrameCipher(siteEnd ? keys.clientToSite() : keys.siteToClient());
        this.maxFrameBytes = maxFrameBytes;
        this.outbox = new Outbox(outboxBytes, counters.bufferedGauge());
        this.counters = counters;
        this.listener = listener;
    }

    /** Bytes on the wire of a frame with this payload. */
    static int sealedSize(int payloadBytes) {
        return 4 + payloadBytes + SymmetricState.TAG_BYTES;
    }

    /** The site opens the client's confirmation with the same cipher its frames use next. */
    boolean openConfirmation(byte[] confirmation) {
        int length = ByteBuffer.wrap(confirmation).getInt();
        if (length != SymmetricState.TAG_BYTES) {
            return false;
        }
        try {
            opener.open(length, Arrays.copyOfRange(confirmation, 4, confirmation.length));
            return true;
        } catch (AEADBadTagException | FrameCipher.ExhaustedException e) {
            return false;
        }
    }

    /** The client seals its empty confirmation as its first frame, written before the writer starts. */
    byte[] sealConfirmation() {
        synchronized (sealLock) {
            try {
                return sealer.seal(new byte[0]);
            } catch (FrameCipher.ExhaustedException e) {
                throw new IllegalStateException("a fresh key's counter cannot be spent", e);
            }
        }
    }

    void startWriter(String name) {
        Thread.ofVirtual().name("client-writer-" + name).start(this::writeLoop);
    }

    /** Queues a frame if the outbox has room now; otherwise the peer is not reading, and is closed. */
    boolean offer(byte[] payload) {
        synchronized (sealLock) {
            byte[] sealed = seal(payload);
            if (sealed == null) {
                return false;
            }
            if (!outbox.offer(sealed)) {
                close(CloseReason.SLOW_READER);
                return false;
            }
            return true;
        }
    }

    /** Queues a frame, waiting at most {@code timeoutNanos} for room; the peer is closed if there is none. */
    boolean offer(byte[] payload, long timeoutNanos) throws InterruptedException {
        synchronized (sealLock) {
            byte[] sealed = seal(payload);
            if (sealed == null) {
                return false;
            }
            if (!outbox.offer(sealed, timeoutNanos)) {
                close(CloseReason.SEND_TIMEOUT);
                return false;
            }
            return true;
        }
    }

    boolean isOpen() {
        return !closed.get();
    }

    /** Reads frames until the connection ends; runs on the connection's one reader thread. */
    void readLoop() {
        byte[] prefix = new byte[4];
        try {
            while (isOpen()) {
                if (!readPrefix(prefix)) {
                    close(CloseReason.PEER_CLOSED);
                    return;
                }
                int length = ByteBuffer.wrap(prefix).getInt();
                if (length < SymmetricState.TAG_BYTES) {
                    close(CloseReason.MALFORMED);
                    return;
                }
                if (length > maxFrameBytes + SymmetricState.TAG_BYTES) {
                    close(CloseReason.OVERSIZED);
                    return;
                }
                byte[] payload = opener.open(length, readGrowing(length));
                counters.recordIn(4 + length);
                deliver(payload);
            }
        } catch (SocketTimeoutException e) {
            close(CloseReason.IDLE);
        } catch (AEADBadTagException e) {
            close(CloseReason.DECRYPTION_FAILED);
        } catch (FrameCipher.ExhaustedException e) {
            close(CloseReason.COUNTER_EXHAUSTED);
        } catch (EOFException e) {
            close(CloseReason.PEER_CLOSED);
        } catch (IOException e) {
            close(CloseReason.IO_ERROR);
        }
    }

    void close(CloseReason reason) {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        // Counted and announced before the socket closes, so that whoever sees the end of the
        // connection also sees it counted.
        outbox.close();
        counters.recordClosed(reason);
        listener.closed(reason);
        try {
            socket.close();
        } catch (IOException e) {
            LOG.debug("closing a client connection: {}", e.toString());
        }
    }

    private byte[] seal(byte[] payload) {
        if (!isOpen()) {
            return null;
        }
        try {
            return sealer.seal(payload);
        } catch (FrameCipher.ExhaustedException e) {
            close(CloseReason.COUNTER_EXHAUSTED);
            return null;
        }
    }

    private void deliver(byte[] payload) {
        try {
            listener.frame(payload);
        } catch (RuntimeException e) {
            LOG.warn("the frame handler failed; the connection goes on", e);
        }
    }

    /** False on a clean end of stream between frames. */
    private boolean readPrefix(byte[] prefix) throws IOException {
        InputStream in = socket.getInputStream();
        int have = 0;
        while (have < prefix.length) {
            int n = in.read(prefix, have, prefix.length - have);
            if (n < 0) {
                if (have == 0) {
                    return false;
                }
                throw new EOFException("connection closed inside a frame prefix");
            }
            have += n;
        }
        return true;
    }

    /**
     * Reads {@code length} bytes into a buffer grown as they arrive, never allocating the
     * announced length up front: the peer is authenticated, but its announcement is not yet data.
     */
    private byte[] readGrowing(int length) throws IOException {
        InputStream in = socket.getInputStream();
        byte[] buf = new byte[Math.min(length, READ_CHUNK)];
        counters.bufferedGauge().addAndGet(buf.length);
        try {
            int have = 0;
            while (have < length) {
                if (have == buf.length) {
                    int grown = (int) Math.min(length, 2L * buf.length);
                    counters.bufferedGauge().addAndGet(grown - buf.length);
                    buf = Arrays.copyOf(buf, grown);
                }
                int n = in.read(buf, have, buf.length - have);
                if (n < 0) {
                    throw new EOFException("connection closed inside a frame");
                }
                have += n;
            }
            return buf;
        } finally {
            counters.bufferedGauge().addAndGet(-buf.length);
        }
    }

    private void writeLoop() {
        try {
            OutputStream out = socket.getOutputStream();
            for (byte[] frame = outbox.take(); frame != null; frame = outbox.take()) {
                out.write(frame);
                outbox.written(frame.length);
                counters.recordOut(frame.length);
            }
        } catch (IOException e) {
            close(CloseReason.IO_ERROR);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            close(CloseReason.IO_ERROR);
        }
    }
}
