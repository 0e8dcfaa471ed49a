package org.maftia.appia.message;

/**
 * Iterates over a whole message, chunk by chunk, for checksums and ciphers (spec 2.1.3, class
 * MsgWalk). Chunks may be read and written in place; none can be added or removed. When the walk
 * is over, {@code next} sets {@code data} to null and {@code len} to 0.
 */
public final class MsgWalk {

    private final byte[] data;
    private final int off;
    private final int len;
    private boolean done;

    MsgWalk(byte[] data, int off, int len) {
        this.data = data;
        this.off = off;
        this.len = len;
    }

    public void next(MsgBuffer mbuf) {
        if (done || len == 0) {
            done = true;
            mbuf.data = null;
            mbuf.off = 0;
            mbuf.len = 0;
            return;
        }
        done = true;
        mbuf.data = data;
        mbuf.off = off;
        mbuf.len = len;
    }
}
