package org.maftia.appia.message;

/**
 * Argument and result of the {@link Message} operations, so headers are read and written in place
 * without copies (spec 2.1.3, class MsgBuffer). The caller sets {@link #len}; the operation sets
 * {@link #data} and {@link #off}. Only {@code data[off .. off+len-1]} belongs to the operation,
 * and only until the message is changed again.
 */
public final class MsgBuffer {

    public byte[] data;
    public int off;
    public int len;

    public MsgBuffer() {
    }

    public MsgBuffer(byte[] data, int off, int len) {
        this.data = data;
        this.off = off;
        this.len = len;
    }
}
