package org.maftia.ttcb.wire;

import java.nio.charset.StandardCharsets;

/** Strict decoder matching {@link WireWriter}: every read is bounds-checked, {@link #end()} refuses trailing bytes. */
public final class WireReader {

    private final byte[] b;
    private int pos;

    public WireReader(byte[] bytes) {
        this.b = bytes;
    }

    public WireReader(byte[] bytes, int offset) {
        this.b = bytes;
        this.pos = offset;
    }

    private void need(int n, String field) {
        if (n < 0 || b.length - pos < n) {
            throw new MalformedFrameException("truncated in " + field + " (need " + n + " bytes at " + pos + " of " + b.length + ")");
        }
    }

    public int u8(String field) {
        need(1, field);
        return b[pos++] & 0xFF;
    }

    public int u16(String field) {
        need(2, field);
        int v = ((b[pos] & 0xFF) << 8) | (b[pos + 1] & 0xFF);
        pos += 2;
        return v;
    }

    public int i32(String field) {
        need(4, field);
        int v = 0;
        for (int i = 0; i < 4; i++) {
            v = (v << 8) | (b[pos++] & 0xFF);
        }
        return v;
    }

    /** A 32-bit value that must lie in [min, max]. */
    public int i32(String field, int min, int max) {
        int v = i32(field);
        if (v < min || v > max) {
            throw new MalformedFrameException(field + " out of range: " + v);
        }
        return v;
    }

    public long i64(String field) {
        need(8, field);
        long v = 0;
        for (int i = 0; i < 8; i++) {
            v = (v << 8) | (b[pos++] & 0xFF);
        }
        return v;
    }

    public boolean bool(String field) {
        int v = u8(field);
        if (v > 1) {
            throw new MalformedFrameException(field + " is not a boolean: " + v);
        }
        return v == 1;
    }

    public byte[] raw(int n, String field) {
        need(n, field);
        byte[] out = java.util.Arrays.copyOfRange(b, pos, pos + n);
        pos += n;
        return out;
    }

    /** Bytes behind a 16-bit length, at most {@code max} of them. */
    public byte[] bytes(String field, int max) {
        int n = u16(field);
        if (n > max) {
            throw new MalformedFrameException(field + " too long: " + n + " > " + max);
        }
        return raw(n, field);
    }

    public String string(String field, int max) {
        return new String(bytes(field, max), StandardCharsets.UTF_8);
    }

    public int remaining() {
        return b.length - pos;
    }

    public int position() {
        return pos;
    }

    public void end() {
        if (pos != b.length) {
            throw new MalformedFrameException((b.length - pos) + " trailing bytes");
        }
    }
}
