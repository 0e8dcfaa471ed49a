package org.maftia.crypto.dl;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.bouncycastle.math.ec.ECPoint;
import org.maftia.crypto.CoinHolder;
import org.maftia.crypto.Share;
import org.maftia.crypto.ShareVerdict;
import org.maftia.crypto.ThresholdCoin;
import org.maftia.crypto.ThresholdParameters;
import org.maftia.crypto.codec.ByteReader;
import org.maftia.crypto.codec.ByteWriter;
import org.maftia.crypto.codec.KeyIds;
import org.maftia.crypto.sharing.Feldman;

/**
 * The Diffie-Hellman threshold coin of Cachin, Kursawe and Shoup ("Random oracles in
 * Constantinople", PODC 2000 / J. Cryptology 2005, section 4) on P-256: the secret x is shared by
 * Shamir with {@code (n, k, t)}; the coin named C is F(C) = H'(g~^x) for g~ = H(C) hashed onto the
 * curve (RFC 9380, {@link HashToCurve}); holder i's share is g~^{x_i} with a DLEQ proof that
 * log_g g^{x_i} = log_{g~} g~^{x_i}; any k valid shares give g~^x by Lagrange interpolation in
 * the exponent. The value is SHA-256(domain || C || g~^x): 32 bytes. ABBA uses the {@code (n,
 * n-t, t)} instance (spec 5.2.1.1).
 *
 * <p>Immutable and thread-safe.
 */
public final class DiffieHellmanCoin implements ThresholdCoin {

    public static final String SCHEME = "dh-coin-p256";

    private static final String PUBLIC_FORMAT = "maftia/" + SCHEME + "/public-key";
    private static final String SECRET_FORMAT = "maftia/" + SCHEME + "/secret-share";
    private static final byte[] TAG_DST = ("MAFTIA-V1-DHCOIN-with-" + HashToCurve.SUITE).getBytes(StandardCharsets.US_ASCII);
    private static final byte[] VALUE_DOMAIN = "MAFTIA-V1-DHCOIN-VALUE".getBytes(StandardCharsets.US_ASCII);

    private final DlThresholdKey key;
    private final byte[] encoded;
    private final byte[] keyId;
    private final SecureRandom batchRandom = new SecureRandom();

    private DiffieHellmanCoin(DlThresholdKey key) {
        this.key = key;
        ByteWriter w = new ByteWriter().u8(1).prefixed(PUBLIC_FORMAT);
        key.write(w);
        this.encoded = w.toByteArray();
        this.keyId = KeyIds.of(SCHEME, encoded);
    }

    /** What a dealer hands out: the public key and one holder per index. */
    public record Dealt(DiffieHellmanCoin publicKey, List<Holder> holders) {
        public Dealt {
            holders = List.copyOf(holders);
        }
    }

    /** Deals a fresh coin key. */
    public static Dealt deal(ThresholdParameters parameters, SecureRandom random) {
        return wrap(DlThresholdKey.deal(parameters, random));
    }

    private static Dealt wrap(DlThresholdKey.Dealt dealt) {
        DiffieHellmanCoin coin = new DiffieHellmanCoin(dealt.key());
        List<Holder> holders = new ArrayList<>();
        for (int i = 0; i < dealt.shares().size(); i++) {
            holders.add(new Holder(coin, i, dealt.shares().get(i)));
        }
        return new Dealt(coin, holders);
    }

    /**
     * Re-shares this coin's secret for new parameters from the holders given (at least k of this
     * key's holders), as in spec 5.4.1: the new key gives the same coin values, its shares verify,
     * and old shares no longer combine with new ones.
     *
     * @throws Feldman.InvalidDealingException naming the old holder whose contribution is faulty
     */
    public Dealt reshare(List<Holder> contributors, ThresholdParameters next, SecureRandom random) {
        requireOwn(contributors);
        return wrap(key.reshare(contributors.stream().map(Holder::index).toList(),
                contributors.stream().map(h -> h.share).toList(), next, random));
    }

    /** Completes a re-sharing from dealings made by old holders ({@link Holder#reshareDealing}). */
    public Dealt completeReshare(ThresholdParameters next, List<Feldman.Dealing<ECPoint>> dealings) {
        return wrap(key.fromDealings(next, dealings));
    }

    /** Decodes a public key strictly (see {@link DlThresholdKey#read}). */
    public static DiffieHellmanCoin decode(byte[] encoded) {
        DlThresholdKey key = DlThresholdKey.readPublic(encoded, "DH coin public key", PUBLIC_FORMAT);
        return new DiffieHellmanCoin(key);
    }

    public byte[] encode() {
        return encoded.clone();
    }

    /** The 8-byte identifier carried in this key's shares. */
    public byte[] keyId() {
        return keyId.clone();
    }

    public DlThresholdKey key() {
        return key;
    }

    /** Decodes holder {@code encoded}'s secret share for this key, checking it against its verification key. */
    public Holder holder(byte[] encodedSecret) {
        ByteReader r = new ByteReader(encodedSecret, "DH coin secret share");
        int index = DlShares.readSecretIndex(r, SECRET_FORMAT, keyId, key);
        return new Holder(this, index, DlShares.readSecretValue(r, key, index));
    }

    @Override
    public String scheme() {
        return SCHEME;
    }

    @Override
    public ThresholdParameters parameters() {
        return key.parameters();
    }

    /** g~ = H(C): the coin's base, a point of unknown discrete logarithm. */
    public static ECPoint base(byte[] tag) {
        return HashToCurve.hash(tag, TAG_DST);
    }

    @Override
    public ShareVerdict verifyShare(byte[] tag, Share share) {
        return DlShares.verify(share, parameters(), keyId, claims(base(tag), tag));
    }

    /** Checks all shares on one tag in one batch (random linear combination, see {@link Dleq#verifyBatch}). */
    @Override
    public List<ShareVerdict> verifyShares(byte[] tag, List<Share> shares) {
        return DlShares.verifyAll(shares, parameters(), keyId, claims(base(tag), tag), batchRandom);
    }

    @Override
    public byte[] combine(byte[] tag, Collection<Share> shares, boolean verified) {
        ECPoint gTilde = base(tag);
        ECPoint gTildeX = DlShares.combine(shares, verified, parameters(), keyId, claims(gTilde, tag), batchRandom);
        return value(tag, gTildeX);
    }

    private static byte[] value(byte[] tag, ECPoint gTildeX) {
        MessageDigest sha = KeyIds.sha256();
        sha.update(new ByteWriter().raw(VALUE_DOMAIN).prefixed(tag).raw(P256.encode(gTildeX)).toByteArray());
        return sha.digest();
    }

    private DlShares.Claims claims(ECPoint gTilde, byte[] tag) {
        return new DlShares.Claims() {
            @Override
            public Dleq.Statement statement(DlShares.Parsed s) {
                return new Dleq.Statement(P256.generator(), key.verificationKey(s.index()), gTilde, s.value());
            }

            @Override
            public byte[] context(DlShares.Parsed s) {
                return proofContext(tag, s.index());
            }
        };
    }

    private byte[] proofContext(byte[] tag, int index) {
        return new ByteWriter().prefixed(SCHEME).raw(keyId).u16(index).prefixed(tag).toByteArray();
    }

    private void requireOwn(List<Holder> holders) {
        for (Holder h : holders) {
            if (h.coin != this) {
                throw new IllegalArgumentException("holder " + h.index + " belongs to another coin key");
            }
        }
    }

    /** Holder i's private side: x_i. */
    public static final class Holder implements CoinHolder {
        private final DiffieHellmanCoin coin;
        private final int index;
        private final BigInteger share;
        private final SecureRandom random = new SecureRandom();

        private Holder(DiffieHellmanCoin coin, int index, BigInteger share) {
            this.coin = coin;
            this.index = index;
            this.share = share;
        }

        @Override
        public int index() {
            return index;
        }

        @Override
        public DiffieHellmanCoin publicKey() {
            return coin;
        }

        /** g~^{x_i} with its DLEQ proof (the share of coin C in CKS section 4). */
        @Override
        public Share share(byte[] tag) {
            ECPoint gTilde = base(tag);
            ECPoint value = P256.mul(gTilde, share).normalize();
            Dleq.Statement s = new Dleq.Statement(P256.generator(), coin.key.verificationKey(index), gTilde, value);
            Dleq.Proof proof = Dleq.prove(s, share, coin.proofContext(tag, index), random);
            return new Share(index, DlShares.encode(coin.keyId, value, proof));
        }

        /** This holder's contribution to re-sharing the coin's secret for {@code next}. */
        public Feldman.Dealing<ECPoint> reshareDealing(ThresholdParameters next, SecureRandom random) {
            return DlThresholdKey.FELDMAN.deal(index, share, next, random);
        }

        /** The secret share, encoded for the dealer's key files (keep it private). */
        public byte[] encode() {
            return DlShares.encodeSecret(SECRET_FORMAT, coin.keyId, index, share);
        }

        @Override
        public String toString() {
            return "DiffieHellmanCoin.Holder[" + index + "]";
        }
    }
}
