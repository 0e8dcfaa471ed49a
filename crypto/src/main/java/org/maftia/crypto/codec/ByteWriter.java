package org.maftia.crypto.codec;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;

/** Builds the compact binary encodings of keys, shares and ciphertexts (big-endian, no padding). */
public final class ByteWriter {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    public ByteWriter u8(int value) {
        if (value < 0 || value > 0xFF) {
            throw new IllegalArgumentException("not an unsigned byte: " + value);
        }
        out.write(value);
        return this;
    }

    public ByteWriter u16(int value) {
        if (value < 0 || value > 0xFFFF) {
            throw new IllegalArgumentException("not an unsigned 16-bit value: " + value);
        }
        out.write(value >>> 8);
        out.write(value);
        return this;
    }

    public ByteWriter u32(int value) {
        out.write(value >>> 24);
        out.write(value >>> 16);
        out.write(value >>> 8);
        out.write(value);
        return this;
    }

    /** A flag: one byte, 0 or 1. */
    public ByteWriter bool(boolean value) {
        return u8(value ? 1 : 0);
    }

    /** A non-negative 8-byte count, position or sequence number. */
    public ByteWriter u64(long value) {
        if (value < 0) {
            throw new IllegalArgumentException("not a non-negative 64-bit value: " + value);
        }
        u32((int) (value >>> 32));
        return u32((int) value);
    }

    /** Bytes as they are: the reader must know their length. */
    public ByteWriter raw(byte[] bytes) {
        out.write(bytes, 0, bytes.length);
        return this;
    }

    /** Bytes behind their 4-byte length, so that concatenations stay unambiguous. */
    public ByteWriter prefixed(byte[] bytes) {
        u32(bytes.length);
        return raw(bytes);
    }

    public ByteWriter prefixed(String text) {
        return prefixed(text.getBytes(StandardCharsets.UTF_8));
    }

    /** {@code value} (non-negative) big-endian in exactly {@code length} bytes. */
    public ByteWriter unsigned(BigInteger value, int length) {
        return raw(fixed(value, length));
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
