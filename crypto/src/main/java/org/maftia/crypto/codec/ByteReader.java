package org.maftia.crypto.codec;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.maftia.crypto.MalformedEncodingException;

/**
 * Strict reader of the encodings {@link ByteWriter} writes: every read checks that the bytes are
 * there, and {@link #end()} that nothing is left over. Failures are
 * {@link MalformedEncodingException}s naming what was being read.
 */
public final class ByteReader {

    private final byte[] bytes;
    private final String what;
    private int position;

    /** Reads {@code bytes} (not copied: the caller must not change them while reading). */
    public ByteReader(byte[] bytes, String what) {
        if (bytes == null) {
            throw new MalformedEncodingException(what + ": no bytes");
        }
        this.bytes = bytes;
        this.what = what;
    }

    public int position() {
        return position;
    }

    public int remaining() {
        return bytes.length - position;
    }

    public int u8(String field) {
        need(1, field);
        return bytes[position++] & 0xFF;
    }

    public int u16(String field) {
        need(2, field);
        int v = ((bytes[position] & 0xFF) << 8) | (bytes[position + 1] & 0xFF);
        position += 2;
        return v;
    }

    /** A 4-byte length or count that must not be negative. */
    public int u32(String field) {
        need(4, field);
        int v = ((bytes[position] & 0xFF) << 24) | ((bytes[position + 1] & 0xFF) << 16)
                | ((bytes[position + 2] & 0xFF) << 8) | (bytes[position + 3] & 0xFF);
        position += 4;
        if (v < 0) {
            throw new MalformedEncodingException(what + ": " + field + " is out of range (" + Integer.toUnsignedString(v) + ")");
        }
        return v;
    }

    /** A flag: one byte, 0 or 1. */
    public boolean bool(String field) {
        int value = u8(field);
        if (value > 1) {
            throw malformed(field + " is " + value + ", not a flag (0 or 1)");
        }
        return value == 1;
    }

    /** A count of items each at least {@code minItemBytes} long, checked against the bytes left before anything is allocated for them. */
    public int count(int minItemBytes, String field) {
        int count = u32(field);
        if ((long) count * minItemBytes > bytes.length - position) {
            throw malformed(field + " claims " + count + " items, more than the bytes left hold");
        }
        return count;
    }

    /** An 8-byte count, position or sequence number that must not be negative. */
    public long u64(String field) {
        need(8, field);
        long v = 0;
        for (int k = 0; k < 8; k++) {
            v = (v << 8) | (bytes[position + k] & 0xFF);
        }
        position += 8;
        if (v < 0) {
            throw new MalformedEncodingException(what + ": " + field + " is out of range (" + Long.toUnsignedString(v) + ")");
        }
        return v;
    }

    public byte[] raw(int length, String field) {
        need(length, field);
        byte[] out = Arrays.copyOfRange(bytes, position, position + length);
        position += length;
        return out;
    }

    /** An unsigned big-endian integer in exactly {@code length} bytes. */
    public BigInteger unsigned(int length, String field) {
        return new BigInteger(1, raw(length, field));
    }

    /** Everything not read yet. */
    public byte[] rest(String field) {
        return raw(remaining(), field);
    }

    /** Expects the given byte (a format code): anything else is not what is being decoded. */
    public void expect(int value, String field) {
        int got = u8(field);
        if (got != value) {
            throw malformed(field + " is 0x" + Integer.toHexString(got) + ", expected 0x" + Integer.toHexString(value));
        }
    }

    public byte[] prefixed(String field) {
        int length = u32(field + " length");
        return raw(length, field);
    }

    /** Text behind its length, which must be well-formed UTF-8. */
    public String prefixedString(String field) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(prefixed(field))).toString();
        } catch (CharacterCodingException e) {
            throw malformed(field + " is not UTF-8 text");
        }
    }

    /** Checks that {@code expected} (a format tag, a scheme name) comes next. */
    public void expectPrefixed(String expected, String field) {
        String found = prefixedString(field);
        if (!found.equals(expected)) {
            throw new MalformedEncodingException(what + ": " + field + " is \"" + printable(found) + "\", expected \"" + expected + "\"");
        }
    }

    /** Throws unless every byte was read. */
    public void end() {
        if (position != bytes.length) {
            throw new MalformedEncodingException(what + ": " + (bytes.length - position) + " unexpected trailing bytes");
        }
    }

    public MalformedEncodingException malformed(String detail) {
        return new MalformedEncodingException(what + ": " + detail);
    }

    private void need(int length, String field) {
        if (length < 0 || length > bytes.length - position) {
            throw new MalformedEncodingException(what + ": truncated in " + field + " (need " + length + " bytes at offset "
                    + position + ", have " + (bytes.length - position) + ")");
        }
    }

    private static String printable(String s) {
        String cut = s.length() > 40 ? s.substring(0, 40) + "..." : s;
        return cut.replaceAll("[^\\x20-\\x7e]", "?");
    }
}
