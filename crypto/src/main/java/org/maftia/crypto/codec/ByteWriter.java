package org.maftia.crypto.codec;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;

/** Builds the encodings {@link ByteReader} reads: big-endian, fixed-width fields. Not thread-safe. */
public final class ByteWriter {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    public ByteWriter u8(int v) {
        if (v < 0 || v > 0xFF) {
            throw new IllegalArgumentException("not a byte: " + v);
        }
        out.write(v);
        return this;
    }

    public ByteWriter u16(int v) {
        if (v < 0 || v > 0xFFFF) {
            throw new IllegalArgumentException("not a 16-bit value: " + v);
        }
        out.write(v >>> 8);
        out.write(v);
        return this;
    }

    public ByteWriter u32(int v) {
        out.write(v >>> 24);
        out.write(v >>> 16);
        out.write(v >>> 8);
        out.write(v);
        return this;
    }

    public ByteWriter bytes(byte[] b) {
        out.write(b, 0, b.length);
        return this;
    }

    /** {@code value} (non-negative) big-endian in exactly {@code length} bytes. */
    public ByteWriter unsigned(BigInteger value, int length) {
        return bytes(fixed(value, length));
    }

    public byte[] toByteArray() {
        return out.toByteArray();
    }

    /** {@code value} (non-negative, fitting) big-endian, left-padded with zeros to {@code length}. */
    public static byte[] fixed(BigInteger value, int length) {
        if (value.signum() < 0 || value.bitLength() > 8 * length) {
            throw new IllegalArgumentException("value does not fit in " + length + " unsigned bytes");
        }
        byte[] raw = value.toByteArray();
        byte[] out = new byte[length];
        int copy = Math.min(raw.length, length);
        System.arraycopy(raw, raw.length - copy, out, length - copy, copy);
        return out;
    }
}
