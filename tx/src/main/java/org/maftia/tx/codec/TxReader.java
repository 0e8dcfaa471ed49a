package org.maftia.tx.codec;

import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Reads what {@link TxWriter} wrote, strictly: a field that runs past the end, a length beyond
 * the bytes left, a flag other than 0 or 1, text that is not UTF-8, or bytes left over is a
 * {@link MalformedOperationException} naming the field, never a partial result.
 */
public final class TxReader {

    private final byte[] bytes;
    private final String what;
    private int position;

    public TxReader(byte[] bytes, String what) {
        this.bytes = bytes;
        this.what = what;
    }

    public int u8(String field) {
        need(1, field);
        return bytes[position++] & 0xff;
    }

    public int u32(String field) {
        need(4, field);
        int value = 0;
        for (int k = 0; k < 4; k++) {
            value = value << 8 | bytes[position++] & 0xff;
        }
        return value;
    }

    /** A count of items each at least {@code minItemBytes} long: checked against the bytes left. */
    public int count(int minItemBytes, String field) {
        int count = u32(field);
        if (count < 0 || (long) count * minItemBytes > bytes.length - position) {
            throw malformed(field + " claims " + Integer.toUnsignedString(count) + " items, more than the bytes left hold");
        }
        return count;
    }

    public long u64(String field) {
        need(8, field);
        long value = 0;
        for (int k = 0; k < 8; k++) {
            value = value << 8 | bytes[position++] & 0xff;
        }
        return value;
    }

    public boolean bool(String field) {
        int value = u8(field);
        if (value > 1) {
            throw malformed(field + " is " + value + ", not a flag (0 or 1)");
        }
        return value == 1;
    }

    public byte[] raw(int length, String field) {
        need(length, field);
        byte[] value = java.util.Arrays.copyOfRange(bytes, position, position + length);
        position += length;
        return value;
    }

    public byte[] bytes(String field) {
        int length = u32(field + " length");
        if (length < 0 || length > bytes.length - position) {
            throw malformed(field + " claims " + Integer.toUnsignedString(length) + " bytes, " + (bytes.length - position) + " are left");
        }
        return raw(length, field);
    }

    public String text(String field) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes(field))).toString();
        } catch (CharacterCodingException e) {
            throw malformed(field + " is not UTF-8 text");
        }
    }

    /** Fails unless every byte was read: trailing bytes mean the sender meant something else. */
    public void end() {
        if (position != bytes.length) {
            throw malformed((bytes.length - position) + " bytes left over");
        }
    }

    public MalformedOperationException malformed(String detail) {
        return new MalformedOperationException(what + ": " + detail);
    }

    private void need(int length, String field) {
        if (length < 0 || length > bytes.length - position) {
            throw malformed(field + " runs past the end (" + (bytes.length - position) + " bytes left, " + length + " needed)");
        }
    }
}
