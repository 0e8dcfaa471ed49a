package org.maftia.crypto;

import java.security.SecureRandom;
import java.util.Collection;
import java.util.List;

/**
 * The public side of a chosen-ciphertext-secure {@code (n, k, t)} threshold cryptosystem with
 * labels (TDH2 of Shoup and Gennaro), as SC-ABC needs it (spec 5.2.1, Protocol 8): anyone
 * encrypts; decryption needs {@code k} decryption shares. Payloads of any length (hybrid).
 */
public interface ThresholdCryptosystem {

    String scheme();

    ThresholdParameters parameters();

    /** Encrypts {@code plaintext} under the group's key, bound to {@code label}. */
    byte[] encrypt(byte[] plaintext, byte[] label, SecureRandom random);

    /** True iff the ciphertext is well formed and its proof verifies (anyone can check). */
    boolean isValidCiphertext(byte[] ciphertext);

    /** The label the ciphertext was bound to. @throws MalformedEncodingException if it does not decode */
    byte[] labelOf(byte[] ciphertext);

    ShareVerdict verifyShare(byte[] ciphertext, Share share);

    /**
     * Checks many decryption shares of one ciphertext; schemes that can batch (random linear
     * combinations) override this. The verdicts are in the order of {@code shares}.
     */
    default List<ShareVerdict> verifyShares(byte[] ciphertext, List<Share> shares) {
        return shares.stream().map(s -> verifyShare(ciphertext, s)).toList();
    }

    /** @throws NotEnoughSharesException with fewer than {@code k} valid shares of distinct holders */
    byte[] combine(byte[] ciphertext, Collection<Share> shares, boolean verified);
}
