package org.maftia.crypto.codec;

import java.math.BigInteger;
import java.util.Arrays;
import org.maftia.crypto.MalformedEncodingException;

/**
 * A strict cursor over an encoding: every read checks the bytes are there, and {@link #end()}
 * checks nothing is left over, so a truncated or extended encoding is a
 * {@link MalformedEncodingException} naming {@code what} was being decoded, never an index error.
 * Not thread-safe (one per decode).
 */
public final class ByteReader {

    private final byte[] bytes;
    private final String what;
    private int position;

    public ByteReader(byte[] bytes, String what) {
        this.bytes = bytes;
        this.what = what;
    }

    public int remaining() {
        return bytes.length - position;
    }

    public int u8() {
        need(1);
        return bytes[position++] & 0xFF;
    }

    public int u16() {
        need(2);
        int v = ((bytes[position] & 0xFF) << 8) | (bytes[position + 1] & 0xFF);
        position += 2;
        return v;
    }

    public int u32() {
        need(4);
        int v = 0;
        for (int i = 0; i < 4; i++) {
            v = (v << 8) | (bytes[position + i] & 0xFF);
        }
        position += 4;
        return v;
    }

    public byte[] bytes(int length) {
        need(length);
        byte[] out = Arrays.copyOfRange(bytes, position, position + length);
        position += length;
        return out;
    }

    /** An unsigned big-endian integer in exactly {@code length} bytes. */
    public BigInteger unsigned(int length) {
        return new BigInteger(1, bytes(length));
    }

    /** Expects the given byte (a format code), else the encoding is not what we decode. */
    public void expect(int value, String field) {
        int got = u8();
        if (got != value) {
            throw malformed(field + " is 0x" + Integer.toHexString(got) + ", expected 0x" + Integer.toHexString(value));
        }
    }

    /** Everything must have been read: trailing bytes are an error, not padding. */
    public void end() {
        if (position != bytes.length) {
            throw malformed((bytes.length - position) + " trailing bytes");
        }
    }

    public MalformedEncodingException malformed(String detail) {
        return new MalformedEncodingException(what + ": " + detail);
    }

    private void need(int length) {
        if (length < 0 || length > bytes.length - position) {
            throw malformed("truncated (need " + length + " bytes at offset " + position + ", " + (bytes.length - position) + " left)");
        }
    }
}
