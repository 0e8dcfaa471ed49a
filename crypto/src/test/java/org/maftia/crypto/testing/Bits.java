package org.maftia.crypto.testing;

import java.util.Arrays;
import org.maftia.crypto.Share;

/** Byte-level corruptions of shares and ciphertexts. */
public final class Bits {

    private Bits() {
    }

    public static byte[] flip(byte[] bytes, int bit) {
        byte[] out = bytes.clone();
        out[bit / 8] ^= (byte) (1 << (bit % 8));
        return out;
    }

    public static byte[] replace(byte[] bytes, int offset, byte[] with) {
        byte[] out = bytes.clone();
        System.arraycopy(with, 0, out, offset, with.length);
        return out;
    }

    public static Share withBytes(Share s, byte[] bytes) {
        return new Share(s.index(), bytes);
    }

    public static Share flipped(Share s, int bit) {
        return withBytes(s, flip(s.encoded(), bit));
    }

    public static Share truncated(Share s) {
        byte[] e = s.encoded();
        return withBytes(s, Arrays.copyOf(e, e.length - 1));
    }

    public static Share extended(Share s) {
        byte[] e = s.encoded();
        return withBytes(s, Arrays.copyOf(e, e.length + 1));
    }

    public static Share relabelled(Share s, int index) {
        return new Share(index, s.encoded());
    }
}
