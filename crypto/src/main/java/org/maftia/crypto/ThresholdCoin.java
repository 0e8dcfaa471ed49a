package org.maftia.crypto;

import java.util.Collection;
import java.util.List;

/**
 * The public side of an {@code (n, k, t)} threshold coin (spec 5.2.1.1, Cachin-Kursawe-Shoup):
 * the value of the coin named by a tag is unpredictable until {@code k} holders released their
 * shares, and the same for everyone after. Thread-safe.
 */
public interface ThresholdCoin {

    String scheme();

    ThresholdParameters parameters();

    ShareVerdict verifyShare(byte[] tag, Share share);

    default List<ShareVerdict> verifyShares(byte[] tag, List<Share> shares) {
        return shares.stream().map(s -> verifyShare(tag, s)).toList();
    }

    /**
     * The coin's value: 32 pseudo-random bytes determined by the tag and the key alone.
     *
     * @throws NotEnoughSharesException with fewer than {@code k} valid shares of distinct holders
     */
    byte[] combine(byte[] tag, Collection<Share> shares, boolean verified);

    /** The coin as one bit, F(C) in Protocol 3: the low bit of the first byte of the value. */
    static boolean bit(byte[] coinValue) {
        return (coinValue[0] & 1) == 1;
    }
}
