package org.maftia.bench.net;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;

/**
 * The baseline: two blocking {@link SocketChannel}s on loopback in this JVM, TCP_NODELAY on both
 * (as TcpComplete sets it), no Appia, no codec, no crypto. The sending thread writes frames
 * {@code length(4) | payload}; a reader thread reads into a 64 KiB direct buffer, copies each
 * frame into a new array (as TcpComplete's reader does), checks it and counts it.
 *
 * <p>{@code batched == false}: one {@code write} per message (the frame is first copied into a
 * direct buffer; the call is repeated only if the kernel took part of it). {@code batched ==
 * true}: the frames of one call to {@link #send} (at most {@link NetThroughputBenchmark#CHUNK}
 * messages, 16 KiB or 1 MiB) are put in one buffer and written with one {@code write}, which is
 * roughly what TcpComplete's writer does with what has queued up (it writes up to 1 MiB per
 * gathering write).
 */
final class RawNioPipe implements Pipe {

    private static final int READ_BUFFER = 1 << 16;

    private final Payload sent;
    private final Payload receiving;
    private final boolean batched;
    private final Window window;
    private final ServerSocketChannel server;
    private final SocketChannel out;
    private final SocketChannel in;
    private final ByteBuffer writeBuffer;
    private final Thread reader;
    private volatile boolean closing;
    private volatile Throwable readerFailure;
    private long nextSeq;

    RawNioPipe(int size, boolean batched, int maxChunk, Window window) throws IOException {
        this.sent = new Payload(size);
        this.receiving = new Payload(size);
        this.batched = batched;
        this.window = window;
        this.server = ServerSocketChannel.open();
        server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        this.out = SocketChannel.open(server.getLocalAddress());
        this.in = server.accept();
        out.setOption(StandardSocketOptions.TCP_NODELAY, true);
        in.setOption(StandardSocketOptions.TCP_NODELAY, true);
        this.writeBuffer = ByteBuffer.allocateDirect((batched ? maxChunk : 1) * (Integer.BYTES + size));
        this.reader = new Thread(this::readLoop, "nio-reader");
        reader.start();
    }

    @Override
    public void send(int k) {
        try {
            ByteBuffer b = writeBuffer;
            b.clear();
            for (int i = 0; i < k; i++) {
                b.putInt(sent.size).putLong(nextSeq++).put(sent.body);
                if (!batched) {
                    writeFully(b);
                }
            }
            if (batched) {
                writeFully(b);
            }
        } catch (IOException e) {
            throw new IllegalStateException("raw NIO write failed", e);
        }
    }

    private void writeFully(ByteBuffer b) throws IOException {
        b.flip();
        while (b.hasRemaining()) {
            out.write(b);
        }
        b.clear();
    }

    private void readLoop() {
        ByteBuffer buf = ByteBuffer.allocateDirect(READ_BUFFER);
        byte[] frame = null;
        int filled = 0;
        try {
            while (in.read(buf) >= 0) {
                buf.flip();
                while (true) {
                    if (frame == null) {
                        if (buf.remaining() < Integer.BYTES) {
                            break;
                        }
                        int length = buf.getInt();
                        if (length < Payload.SEQ_BYTES || length > (64 << 20)) {
                            throw new IllegalStateException("raw NIO: frame length " + length);
                        }
                        frame = new byte[length];
                        filled = 0;
                    }
                    int n = Math.min(buf.remaining(), frame.length - filled);
                    buf.get(frame, filled, n);
                    filled += n;
                    if (filled < frame.length) {
                        break;
                    }
                    long seq = ByteBuffer.wrap(frame).getLong(0);
                    String error = receiving.check(frame.length, seq);
                    if (error == null && Payload.fullCheck(seq) && !receiving.bodyEquals(frame, Payload.SEQ_BYTES)) {
                        error = "message " + seq + " arrived with other bytes than were sent";
                    }
                    if (error != null) {
                        throw new IllegalStateException("raw NIO: " + error);
                    }
                    frame = null;
                    window.arrived();
                }
                buf.compact();
            }
            if (!closing) {
                throw new IllegalStateException("raw NIO: the connection ended before the benchmark did");
            }
        } catch (IOException | RuntimeException e) {
            if (!closing) {
                readerFailure = e;
                window.fail(e instanceof RuntimeException r ? r : new IllegalStateException("raw NIO read failed", e));
            }
        }
    }

    @Override
    public void checkHealthy() {
        Throwable f = readerFailure;
        if (f != null) {
            throw new IllegalStateException("raw NIO reader failed", f);
        }
        if (!reader.isAlive()) {
            throw new IllegalStateException("raw NIO reader is gone");
        }
    }

    @Override
    public void checkComplete() {
        checkHealthy();
        if (receiving.checked() != window.sent() || nextSeq != window.sent()) {
            throw new IllegalStateException("raw NIO: " + nextSeq + " written, " + receiving.checked()
                    + " checked by the reader, window counted " + window.sent());
        }
    }

    @Override
    public void close() throws Exception {
        closing = true;
        out.close();
        reader.join(10_000);
        in.close();
        server.close();
        if (reader.isAlive()) {
            throw new IllegalStateException("raw NIO reader did not stop");
        }
    }
}
