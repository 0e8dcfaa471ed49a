package org.maftia.ttcb.daemon;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import org.maftia.ttcb.channel.Frames;

/**
 * Framing on the Unix domain socket: length (4 bytes), correlation id (8 bytes, chosen by the
 * entity, echoed by the TTCB so replies may come back in any order), frame. The correlation id is
 * not trusted: the protected frame inside says which call it answers.
 */
final class SocketFraming {

    record Framed(long correlation, byte[] frame) {
    }

    private SocketFraming() {
    }

    /** {@code started} runs once the frame's first byte is in: from then on the frame is late if it stalls. */
    static Framed read(SocketChannel ch, Runnable started) throws IOException {
        ByteBuffer head = ByteBuffer.allocate(12);
        if (ch.read(head) < 0) {
            throw new EOFException("closed");
        }
        started.run();
        fill(ch, head);
        head.flip();
        int length = head.getInt();
        long correlation = head.getLong();
        if (length < 0 || length > Frames.MAX_FRAME + 1) {
            throw new IOException("frame of " + length + " bytes");
        }
        ByteBuffer body = ByteBuffer.allocate(length);
        fill(ch, body);
        return new Framed(correlation, body.array());
    }

    static ByteBuffer encode(long correlation, byte[] frame) {
        ByteBuffer b = ByteBuffer.allocate(12 + frame.length);
        b.putInt(frame.length).putLong(correlation).put(frame).flip();
        return b;
    }

    static void write(SocketChannel ch, ByteBuffer b) throws IOException {
        while (b.hasRemaining()) {
            ch.write(b);
        }
    }

    private static void fill(SocketChannel ch, ByteBuffer b) throws IOException {
        while (b.hasRemaining()) {
            if (ch.read(b) < 0) {
                throw new EOFException("closed");
            }
        }
    }
}
