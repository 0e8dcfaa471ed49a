package org.maftia.ttcb.client;

import java.io.EOFException;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.maftia.ttcb.TtcbException;
import org.maftia.ttcb.channel.Frames;

/**
 * The entity's end of the daemon's Unix domain socket: frames out in call order, replies matched
 * back by correlation id (they may come back in any order: exec and waitInfo answer later).
 */
public final class UnixSocketTransport implements TtcbTransport {

    private final SocketChannel channel;
    private final Map<Long, CompletableFuture<byte[]>> pending = new ConcurrentHashMap<>();
    private final AtomicLong nextCorrelation = new AtomicLong();
    private final Object writeLock = new Object();

    public UnixSocketTransport(Path socket) {
        try {
            this.channel = SocketChannel.open(StandardProtocolFamily.UNIX);
            channel.connect(UnixDomainSocketAddress.of(socket));
        } catch (IOException e) {
            throw new TtcbException("cannot reach the local TTCB at " + socket + ": " + e.getMessage(), e);
        }
        Thread.ofPlatform().daemon().name("ttcb-client-rx").start(this::readLoop);
    }

    @Override
    public CompletableFuture<byte[]> call(byte[] request) {
        long id = nextCorrelation.incrementAndGet();
        CompletableFuture<byte[]> f = new CompletableFuture<>();
        pending.put(id, f);
        ByteBuffer b = ByteBuffer.allocate(12 + request.length);
        b.putInt(request.length).putLong(id).put(request).flip();
        try {
            synchronized (writeLock) {
                while (b.hasRemaining()) {
                    channel.write(b);
                }
            }
        } catch (IOException e) {
            pending.remove(id);
            f.completeExceptionally(new TtcbException("the local TTCB connection failed: " + e.getMessage(), e));
        }
        return f;
    }

    private void readLoop() {
        try {
            ByteBuffer head = ByteBuffer.allocate(12);
            while (true) {
                head.clear();
                fill(head);
                head.flip();
                int length = head.getInt();
                long id = head.getLong();
                if (length < 0 || length > Frames.MAX_FRAME + 1) {
                    throw new IOException("reply of " + length + " bytes");
                }
                ByteBuffer body = ByteBuffer.allocate(length);
                fill(body);
                CompletableFuture<byte[]> f = pending.remove(id);
                if (f != null) {
                    f.complete(body.array());
                }
            }
        } catch (IOException e) {
            TtcbException gone = new TtcbException("the local TTCB closed the connection: " + e.getMessage(), e);
            pending.values().forEach(f -> f.completeExceptionally(gone));
            pending.clear();
        }
    }

    private void fill(ByteBuffer b) throws IOException {
        while (b.hasRemaining()) {
            if (channel.read(b) < 0) {
                throw new EOFException("closed");
            }
        }
    }

    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }
}
