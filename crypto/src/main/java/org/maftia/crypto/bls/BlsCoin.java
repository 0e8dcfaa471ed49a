package org.maftia.crypto.bls;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Collection;
import java.util.List;
import org.maftia.crypto.CoinHolder;
import org.maftia.crypto.Share;
import org.maftia.crypto.ShareVerdict;
import org.maftia.crypto.ThresholdCoin;
import org.maftia.crypto.ThresholdParameters;
import org.maftia.crypto.codec.ByteWriter;
import org.maftia.crypto.codec.KeyIds;

/**
 * A threshold coin from threshold BLS (Cachin, Kursawe and Shoup note that any unique threshold
 * signature gives a coin): the coin named C is SHA-256(domain || C || sigma) where sigma is the
 * group's BLS signature on the coin message domain || C. BLS signatures are unique, so every k
 * valid shares give the same sigma, and nobody can predict it before k holders released theirs.
 * The coin message is domain-separated from ordinary messages, and a coin key should be its own
 * key (as {@link #deal} makes one).
 */
public final class BlsCoin implements ThresholdCoin {

    public static final String SCHEME = "bls12-381-coin";

    private static final byte[] MESSAGE_DOMAIN = "MAFTIA-V1-BLS-COIN".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] VALUE_DOMAIN = "MAFTIA-V1-BLS-COIN-VALUE".getBytes(StandardCharsets.US_ASCII);

    private final BlsThresholdSignature signature;

    public BlsCoin(BlsThresholdSignature signature) {
        this.signature = signature;
    }

    public record Dealt(BlsCoin publicKey, List<Holder> holders) {
        public Dealt {
            holders = List.copyOf(holders);
        }
    }

    public static Dealt deal(ThresholdParameters parameters, SecureRandom random) {
        return of(BlsThresholdSignature.deal(parameters, random));
    }

    /** The coin of a dealt (or re-shared) BLS key. */
    public static Dealt of(BlsThresholdSignature.Dealt key) {
        BlsCoin coin = new BlsCoin(key.publicKey());
        return new Dealt(coin, key.signers().stream().map(s -> new Holder(coin, s)).toList());
    }

    /** Decodes a coin key: a BLS threshold key ({@link BlsThresholdSignature#decode}) used for coins. */
    public static BlsCoin decode(byte[] encoded) {
        return new BlsCoin(BlsThresholdSignature.decode(encoded));
    }

    public byte[] encode() {
        return signature.encode();
    }

    /** Decodes a holder's secret share of this coin's key ({@link BlsThresholdSignature#signer}). */
    public Holder holder(byte[] encodedSecret) {
        return new Holder(this, signature.signer(encodedSecret));
    }

    public BlsThresholdSignature signatureKey() {
        return signature;
    }

    @Override
    public String scheme() {
        return SCHEME;
    }

    @Override
    public ThresholdParameters parameters() {
        return signature.parameters();
    }

    static byte[] coinMessage(byte[] tag) {
        return new ByteWriter().raw(MESSAGE_DOMAIN).prefixed(tag).toByteArray();
    }

    @Override
    public ShareVerdict verifyShare(byte[] tag, Share share) {
        return signature.verifyShare(coinMessage(tag), share);
    }

    @Override
    public List<ShareVerdict> verifyShares(byte[] tag, List<Share> shares) {
        return signature.verifyShares(coinMessage(tag), shares);
    }

    @Override
    public byte[] combine(byte[] tag, Collection<Share> shares, boolean verified) {
        byte[] sigma = signature.combine(coinMessage(tag), shares, verified);
        MessageDigest sha = KeyIds.sha256();
        sha.update(new ByteWriter().raw(VALUE_DOMAIN).prefixed(tag).raw(sigma).toByteArray());
        return sha.digest();
    }

    /** A coin holder: a BLS signer that signs coin messages only. */
    public static final class Holder implements CoinHolder {
        private final BlsCoin coin;
        private final BlsThresholdSignature.Signer signer;

        private Holder(BlsCoin coin, BlsThresholdSignature.Signer signer) {
            this.coin = coin;
            this.signer = signer;
        }

        @Override
        public int index() {
            return signer.index();
        }

        @Override
        public BlsCoin publicKey() {
            return coin;
        }

        @Override
        public Share share(byte[] tag) {
            return signer.sign(coinMessage(tag));
        }

        public BlsThresholdSignature.Signer signer() {
            return signer;
        }
    }
}
