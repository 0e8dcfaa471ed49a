package org.maftia.group.core;

import java.security.SecureRandom;
import java.util.Collection;
import java.util.function.Supplier;
import org.maftia.crypto.Share;
import org.maftia.crypto.ShareVerdict;
import org.maftia.crypto.ThresholdCoin;
import org.maftia.crypto.ThresholdCryptosystem;
import org.maftia.crypto.ThresholdParameters;
import org.maftia.crypto.ThresholdSignature;
import org.maftia.crypto.ThresholdSigner;

/**
 * Public threshold keys whose checks go through a {@link VerifiedAhead}: the verification stage
 * computes them, the protocol thread takes the verdicts. Everything else is the key's own.
 */
final class MemoizedKeys {

    /** Check kinds; a key's checks are {@code slot * KINDS + kind}, so keys never share a verdict. */
    private static final int SHARE = 0;
    private static final int SIGNATURE = 1;
    private static final int CIPHERTEXT = 2;
    private static final int KINDS = 3;

    private MemoizedKeys() {
    }

    /** {@code signer}, whose {@linkplain ThresholdSigner#publicKey() public key} is {@code key}, the memoized one. */
    static ThresholdSigner signer(ThresholdSigner signer, ThresholdSignature key) {
        return new ThresholdSigner() {
            @Override
            public int index() {
                return signer.index();
            }

            @Override
            public ThresholdSignature publicKey() {
                return key;
            }

            @Override
            public Share sign(byte[] message) {
                return signer.sign(message);
            }
        };
    }

    static ThresholdSignature signature(ThresholdSignature key, VerifiedAhead memo, int slot) {
        return new ThresholdSignature() {
            @Override
            public String scheme() {
                return key.scheme();
            }

            @Override
            public ThresholdParameters parameters() {
                return key.parameters();
            }

            @Override
            public ShareVerdict verifyShare(byte[] message, Share share) {
                return shareVerdict(memo, slot, message, share, () -> key.verifyShare(message, share));
            }

            @Override
            public byte[] combine(byte[] message, Collection<Share> shares, boolean verified) {
                return key.combine(message, shares, verified);
            }

            @Override
            public boolean verify(byte[] message, byte[] signature) {
                return memo.verdict(new VerifiedAhead.Check(slot * KINDS + SIGNATURE, message, 0, signature),
                        () -> key.verify(message, signature));
            }
        };
    }

    static ThresholdCoin coin(ThresholdCoin key, VerifiedAhead memo, int slot) {
        return new ThresholdCoin() {
            @Override
            public String scheme() {
                return key.scheme();
            }

            @Override
            public ThresholdParameters parameters() {
                return key.parameters();
            }

            @Override
            public ShareVerdict verifyShare(byte[] tag, Share share) {
                return shareVerdict(memo, slot, tag, share, () -> key.verifyShare(tag, share));
            }

            @Override
            public byte[] combine(byte[] tag, Collection<Share> shares, boolean verified) {
                return key.combine(tag, shares, verified);
            }
        };
    }

    static ThresholdCryptosystem cryptosystem(ThresholdCryptosystem key, VerifiedAhead memo, int slot) {
        return new ThresholdCryptosystem() {
            @Override
            public String scheme() {
                return key.scheme();
            }

            @Override
            public ThresholdParameters parameters() {
                return key.parameters();
            }

            @Override
            public byte[] encrypt(byte[] plaintext, byte[] label, SecureRandom random) {
                return key.encrypt(plaintext, label, random);
            }

            @Override
            public boolean isValidCiphertext(byte[] ciphertext) {
                return memo.verdict(new VerifiedAhead.Check(slot * KINDS + CIPHERTEXT, ciphertext, 0, new byte[0]),
                        () -> key.isValidCiphertext(ciphertext));
            }

            @Override
            public byte[] labelOf(byte[] ciphertext) {
                return key.labelOf(ciphertext);
            }

            @Override
            public ShareVerdict verifyShare(byte[] ciphertext, Share share) {
                return shareVerdict(memo, slot, ciphertext, share, () -> key.verifyShare(ciphertext, share));
            }

            @Override
            public byte[] combine(byte[] ciphertext, Collection<Share> shares, boolean verified) {
                return key.combine(ciphertext, shares, verified);
            }
        };
    }

    /** A share's verdict through {@code memo}: a share is checked on its input, its holder and its bytes. */
    private static ShareVerdict shareVerdict(VerifiedAhead memo, int slot, byte[] input, Share share, Supplier<ShareVerdict> check) {
        return memo.verdict(new VerifiedAhead.Check(slot * KINDS + SHARE, input, share.index(), share.encoded()), check);
    }
}
