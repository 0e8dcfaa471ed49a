package org.maftia.net.client;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.concurrent.TimeUnit;

/** Reading a handshake message of fixed size before a deadline for the whole handshake. */
final class Wire {

    private Wire() {
    }

    /**
     * Fills {@code into} or fails; the deadline bounds the sum of all reads, so a peer sending a
     * byte at a time cannot stretch the handshake.
     */
    static void readFully(Socket socket, InputStream in, byte[] into, long deadlineNanos) throws IOException {
        int have = 0;
        while (have < into.length) {
            long left = deadlineNanos - System.nanoTime();
            if (left <= 0) {
                throw new SocketTimeoutException("handshake not completed in time");
            }
            socket.setSoTimeout((int) Math.max(1, Math.min(Integer.MAX_VALUE, TimeUnit.NANOSECONDS.toMillis(left))));
            int n = in.read(into, have, into.length - have);
            if (n < 0) {
                throw new EOFException("connection closed during the handshake");
            }
            have += n;
        }
    }
}
