package org.maftia.crypto.testing;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.maftia.crypto.Share;

/** Ways a Byzantine holder or the network can spoil a share, for the scheme tests. */
public final class ShareTampering {

    private ShareTampering() {
    }

    public static Share flipBit(Share share, int byteOffset, int bit) {
        byte[] b = share.encoded();
        b[byteOffset] ^= (byte) (1 << bit);
        return new Share(share.index(), b);
    }

    public static Share withIndex(Share share, int index) {
        return new Share(index, share.encoded());
    }

    public static Share truncated(Share share, int drop) {
        byte[] b = share.encoded();
        return new Share(share.index(), Arrays.copyOf(b, b.length - drop));
    }

    public static Share extended(Share share, int extra) {
        byte[] b = share.encoded();
        return new Share(share.index(), Arrays.copyOf(b, b.length + extra));
    }

    /** Random bytes of the given length whose first byte is no scheme's code (0xEE). */
    public static Share garbage(int index, int length, long seed) {
        byte[] b = new byte[length];
        new Random(seed).nextBytes(b);
        b[0] = (byte) 0xEE;
        return new Share(index, b);
    }

    public static byte[] flipBit(byte[] bytes, int byteOffset, int bit) {
        byte[] b = bytes.clone();
        b[byteOffset] ^= (byte) (1 << bit);
        return b;
    }

    /** {@code count} distinct holders of 0..n-1 chosen by {@code seed}, in random order. */
    public static List<Integer> randomHolders(int n, int count, long seed) {
        List<Integer> all = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            all.add(i);
        }
        Collections.shuffle(all, new Random(seed));
        return List.copyOf(all.subList(0, count));
    }
}
