package org.maftia.crypto;

import java.util.Collection;
import java.util.List;

/**
 * The public side of an {@code (n, k, t)} threshold signature scheme for one group (spec
 * 5.2.1.1): checks signature shares, combines {@code k} of them into a signature, verifies
 * signatures. Thread-safe; verification may run off the protocol thread.
 */
public interface ThresholdSignature {

    /** The scheme's name as written in a group's configuration, e.g. {@code "ed25519-quorum"}. */
    String scheme();

    ThresholdParameters parameters();

    /** Checks one share on {@code message}, naming what is wrong with an invalid one. */
    ShareVerdict verifyShare(byte[] message, Share share);

    /**
     * Checks many shares on one message; schemes that can batch (random linear combinations)
     * override this. The verdicts are in the order of {@code shares}.
     */
    default List<ShareVerdict> verifyShares(byte[] message, List<Share> shares) {
        return shares.stream().map(s -> verifyShare(message, s)).toList();
    }

    /**
     * Combines shares into a signature. Shares are verified here unless {@code verified} says the
     * caller already checked each one; invalid shares and repeated holders are skipped.
     *
     * @throws NotEnoughSharesException with fewer than {@code k} valid shares of distinct holders
     */
    byte[] combine(byte[] message, Collection<Share> shares, boolean verified);

    /** True iff {@code signature} is a valid signature of the group on {@code message}. */
    boolean verify(byte[] message, byte[] signature);
}
