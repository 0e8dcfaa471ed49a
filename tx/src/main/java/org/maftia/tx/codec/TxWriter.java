package org.maftia.tx.codec;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** Writes the transaction service's operations, replies and snapshots: big-endian, lengths first. */
public final class TxWriter {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    public TxWriter u8(int value) {
        out.write(value);
        return this;
    }

    public TxWriter u32(int value) {
        for (int shift = 24; shift >= 0; shift -= 8) {
            out.write(value >>> shift);
        }
        return this;
    }

    public TxWriter u64(long value) {
        for (int shift = 56; shift >= 0; shift -= 8) {
            out.write((int) (value >>> shift));
        }
        return this;
    }

    public TxWriter bool(boolean value) {
        return u8(value ? 1 : 0);
    }

    public TxWriter raw(byte[] bytes) {
        out.writeBytes(bytes);
        return this;
    }

    public TxWriter bytes(byte[] bytes) {
        return u32(bytes.length).raw(bytes);
    }

    public TxWriter text(String text) {
        return bytes(text.getBytes(StandardCharsets.UTF_8));
    }

    public byte[] toByteArray() {
        return out.toByteArray();
    }
}
