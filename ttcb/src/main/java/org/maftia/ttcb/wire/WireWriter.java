package org.maftia.ttcb.wire;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** Big-endian encoder of TTCB frames (control network and entity calls). */
public final class WireWriter {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream(128);

    public WireWriter u8(int v) {
        if (v < 0 || v > 0xFF) {
            throw new IllegalArgumentException("not an unsigned byte: " + v);
        }
        out.write(v);
        return this;
    }

    public WireWriter u16(int v) {
        if (v < 0 || v > 0xFFFF) {
            throw new IllegalArgumentException("not an unsigned 16-bit value: " + v);
        }
        out.write(v >>> 8);
        out.write(v);
        return this;
    }

    public WireWriter i32(int v) {
        for (int s = 24; s >= 0; s -= 8) {
            out.write(v >>> s);
        }
        return this;
    }

    public WireWriter i64(long v) {
        for (int s = 56; s >= 0; s -= 8) {
            out.write((int) (v >>> s));
        }
        return this;
    }

    public WireWriter bool(boolean b) {
        return u8(b ? 1 : 0);
    }

    public WireWriter raw(byte[] b) {
        out.write(b, 0, b.length);
        return this;
    }

    /** Bytes behind a 16-bit length. */
    public WireWriter bytes(byte[] b) {
        u16(b.length);
        return raw(b);
    }

    public WireWriter string(String s) {
        return bytes(s.getBytes(StandardCharsets.UTF_8));
    }

    public byte[] toByteArray() {
        return out.toByteArray();
    }
}
