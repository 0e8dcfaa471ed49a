package org.maftia.crypto.dl;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.math.ec.ECPoint;
import org.maftia.crypto.CryptoException;
import org.maftia.crypto.Decryptor;
import org.maftia.crypto.MalformedEncodingException;
import org.maftia.crypto.Share;
import org.maftia.crypto.ShareVerdict;
import org.maftia.crypto.ThresholdCryptosystem;
import org.maftia.crypto.ThresholdParameters;
import org.maftia.crypto.codec.ByteReader;
import org.maftia.crypto.codec.ByteWriter;
import org.maftia.crypto.codec.KeyIds;
import org.maftia.crypto.sharing.Feldman;

/**
 * The TDH2 threshold cryptosystem of Shoup and Gennaro ("Securing threshold cryptosystems against
 * chosen ciphertext attack", Eurocrypt 1998 / J. Cryptology 2002), secure against adaptive chosen
 * ciphertext attacks in the random-oracle model, with labels, on P-256, made hybrid for payloads of
 * any length. SC-ABC decrypts with it after ordering (spec 5.2.1.7, Protocol 8).
 *
 * <p>Keys: x shared by Shamir with {@code (n, k, t)}, h = g^x, verification keys h_i = g^{x_i}, and
 * a second generator g-bar hashed onto the curve (RFC 9380), so nobody knows log_g g-bar.
 *
 * <p>Encryption of a payload m with label L (the paper's encryption algorithm, with its k-bit
 * message being a fresh 256-bit key K):
 * <ol>
 *   <li>the payload is sealed with AES-256-GCM under HKDF-SHA256(K) (a one-time key, so a fixed
 *       zero nonce), the label as associated data: the DEM part d;</li>
 *   <li>r, s random; c = K xor H1(h^r), u = g^r, w = g^s, u-bar = g-bar^r, w-bar = g-bar^s;</li>
 *   <li>e = H2(c, L, u, w, u-bar, w-bar), where here the "label" hashed into e is the key id,
 *       L <em>and d</em>; f = s + r e.</li>
 * </ol>
 * The ciphertext is (key id, L, c, u, u-bar, e, f, d). Binding d into e matters in the threshold
 * setting: otherwise an attacker could resubmit the TDH2 part with a different DEM part, get it
 * ordered and decrypted, and learn K before the original is delivered. Now changing any byte of d,
 * L or anything else fails the validity test, and no decryption share is released.
 *
 * <p>Validity test (anyone): w = g^f / u^e, w-bar = g-bar^f / u-bar^e, and e = H2(...). Holder i's
 * decryption share is u_i = u^{x_i} with a DLEQ proof that log_g h_i = log_u u_i (the paper's
 * proof (e_i, f_i), here in commitment form so shares verify in batches). Any k valid shares give
 * h^r = u^x by Lagrange interpolation in the exponent, so K = c xor H1(h^r), and K opens d.
 *
 * <p>Immutable and thread-safe.
 */
public final class Tdh2 implements ThresholdCryptosystem {

    public static final String SCHEME = "tdh2-p256";

    private static final String PUBLIC_FORMAT = "maftia/" + SCHEME + "/public-key";
    private static final String SECRET_FORMAT = "maftia/" + SCHEME + "/secret-share";
    private static final int VERSION = 1;
    private static final ECPoint G_BAR = HashToCurve.hash("TDH2 second generator g-bar".getBytes(StandardCharsets.US_ASCII),
            "MAFTIA-V1-TDH2-GBAR-with-" + HashToCurve.SUITE);
    private static final byte[] H1_DOMAIN = "MAFTIA-V1-TDH2-H1".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] H2_TAG = "MAFTIA-V1-TDH2-H2-P256-SHA256".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] KDF_SALT = "MAFTIA-V1-TDH2-DEM".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] KDF_INFO = "AES-256-GCM key".getBytes(StandardCharsets.US_ASCII);
    private static final int KEY_BYTES = 32;
    private static final int GCM_TAG_BITS = 128;

    private final DlThresholdKey key;
    private final byte[] encoded;
    /** Identifies the full public key (with verification keys): carried in decryption shares. */
    private final byte[] keyId;
    /** Identifies h alone: carried in ciphertexts, so a re-shared key still decrypts old ones. */
    private final byte[] encryptionKeyId;
    private final SecureRandom batchRandom = new SecureRandom();

    private Tdh2(DlThresholdKey key) {
        this.key = key;
        ByteWriter w = new ByteWriter().u8(VERSION).prefixed(PUBLIC_FORMAT);
        key.write(w);
        this.encoded = w.toByteArray();
        this.keyId = KeyIds.of(SCHEME, encoded);
        this.encryptionKeyId = KeyIds.of(SCHEME + "/encryption-key", P256.encode(key.publicKey()));
    }

    public record Dealt(Tdh2 publicKey, List<Holder> holders) {
        public Dealt {
            holders = List.copyOf(holders);
        }
    }

    public static Dealt deal(ThresholdParameters parameters, SecureRandom random) {
        return wrap(DlThresholdKey.deal(parameters, random));
    }

    private static Dealt wrap(DlThresholdKey.Dealt dealt) {
        Tdh2 pub = new Tdh2(dealt.key());
        List<Holder> holders = new ArrayList<>();
        for (int i = 0; i < dealt.shares().size(); i++) {
            holders.add(new Holder(pub, i, dealt.shares().get(i)));
        }
        return new Dealt(pub, holders);
    }

    /**
     * Re-shares the decryption key for new parameters (spec 5.4.1): h stays, so old ciphertexts
     * still decrypt with the new shares; the verification keys change, so old shares do not mix.
     *
     * @throws Feldman.InvalidDealingException naming the old holder whose contribution is faulty
     */
    public Dealt reshare(List<Holder> contributors, ThresholdParameters next, SecureRandom random) {
        for (Holder h : contributors) {
            if (h.pub != this) {
                throw new IllegalArgumentException("holder " + h.index + " belongs to another TDH2 key");
            }
        }
        return wrap(key.reshare(contributors.stream().map(Holder::index).toList(), contributors.stream().map(h -> h.share).toList(),
                next, random));
    }

    /** Completes a re-sharing from dealings made by old holders ({@link Holder#reshareDealing}). */
    public Dealt completeReshare(ThresholdParameters next, List<Feldman.Dealing<ECPoint>> dealings) {
        return wrap(key.fromDealings(next, dealings));
    }

    public static Tdh2 decode(byte[] encoded) {
        DlThresholdKey key = DlThresholdKey.readPublic(encoded, "TDH2 public key", PUBLIC_FORMAT);
        return new Tdh2(key);
    }

    public byte[] encode() {
        return encoded.clone();
    }

    public byte[] keyId() {
        return keyId.clone();
    }

    public DlThresholdKey key() {
        return key;
    }

    public Holder holder(byte[] encodedSecret) {
        ByteReader r = new ByteReader(encodedSecret, "TDH2 secret share");
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

    /** A decoded ciphertext (strictly decoded, its proof not yet checked). */
    record Ciphertext(byte[] keyId, byte[] label, byte[] c, ECPoint u, ECPoint uBar, BigInteger e, BigInteger f, byte[] dem,
            byte[] digest) {

        static Ciphertext parse(byte[] bytes) {
            ByteReader r = new ByteReader(bytes, "TDH2 ciphertext");
            int version = r.u8("version");
            if (version != VERSION) {
                throw r.malformed("unknown version " + version);
            }
            byte[] id = r.raw(KeyIds.BYTES, "key id");
            byte[] label = r.prefixed("label");
            byte[] c = r.raw(KEY_BYTES, "c");
            ECPoint u = P256.decode(r.raw(P256.POINT_BYTES, "u"), "ciphertext u");
            ECPoint uBar = P256.decode(r.raw(P256.POINT_BYTES, "u-bar"), "ciphertext u-bar");
            BigInteger e = P256.decodeScalar(r.raw(P256.SCALAR_BYTES, "e"), "ciphertext e");
            BigInteger f = P256.decodeScalar(r.raw(P256.SCALAR_BYTES, "f"), "ciphertext f");
            byte[] dem = r.prefixed("payload");
            r.end();
            if (dem.length < GCM_TAG_BITS / 8) {
                throw r.malformed("payload shorter than its authentication tag");
            }
            return new Ciphertext(id, label, c, u, uBar, e, f, dem, KeyIds.sha256().digest(bytes));
        }
    }

    @Override
    public byte[] encrypt(byte[] plaintext, byte[] label, SecureRandom random) {
        byte[] k = new byte[KEY_BYTES];
        random.nextBytes(k);
        byte[] dem = aesGcm(Cipher.ENCRYPT_MODE, k, label, plaintext);
        BigInteger r = P256.randomScalar(random);
        BigInteger s = P256.randomScalar(random);
        ECPoint u = P256.mulG(r).normalize();
        ECPoint w = P256.mulG(s).normalize();
        ECPoint uBar = P256.mulFixed(G_BAR, r).normalize();
        ECPoint wBar = P256.mulFixed(G_BAR, s).normalize();
        byte[] c = xor(k, h1(P256.mulFixed(key.publicKey(), r)));
        BigInteger e = h2(encryptionKeyId, label, c, dem, u, w, uBar, wBar);
        BigInteger f = s.add(r.multiply(e)).mod(P256.ORDER);
        return new ByteWriter().u8(VERSION).raw(encryptionKeyId).prefixed(label).raw(c).raw(P256.encode(u)).raw(P256.encode(uBar))
                .raw(P256.encodeScalar(e)).raw(P256.encodeScalar(f)).prefixed(dem).toByteArray();
    }

    @Override
    public boolean isValidCiphertext(byte[] ciphertext) {
        try {
            return isValid(Ciphertext.parse(ciphertext));
        } catch (MalformedEncodingException e) {
            return false;
        }
    }

    /** The paper's validity test, after the key id check. */
    private boolean isValid(Ciphertext ct) {
        if (!Arrays.equals(ct.keyId(), encryptionKeyId)) {
            return false;
        }
        BigInteger minusE = P256.ORDER.subtract(ct.e());
        ECPoint w = P256.mulG(ct.f()).add(P256.mul(ct.u(), minusE)).normalize();
        ECPoint wBar = P256.mulFixed(G_BAR, ct.f()).add(P256.mul(ct.uBar(), minusE)).normalize();
        if (w.isInfinity() || wBar.isInfinity()) {
            return false;
        }
        return h2(ct.keyId(), ct.label(), ct.c(), ct.dem(), ct.u(), w, ct.uBar(), wBar).equals(ct.e());
    }

    @Override
    public byte[] labelOf(byte[] ciphertext) {
        return Ciphertext.parse(ciphertext).label();
    }

    /**
     * Checks a decryption share against a ciphertext that decodes. The ciphertext's own proof is not
     * checked here (that is {@link #isValidCiphertext}, done once per ciphertext).
     *
     * @throws MalformedEncodingException if the ciphertext does not decode
     */
    @Override
    public ShareVerdict verifyShare(byte[] ciphertext, Share share) {
        Ciphertext ct = Ciphertext.parse(ciphertext);
        return DlShares.verify(share, parameters(), keyId, claims(ct));
    }

    /** Checks many decryption shares of one ciphertext in one batch ({@link Dleq#verifyBatch}). */
    @Override
    public List<ShareVerdict> verifyShares(byte[] ciphertext, List<Share> shares) {
        Ciphertext ct = Ciphertext.parse(ciphertext);
        return DlShares.verifyAll(shares, parameters(), keyId, claims(ct), batchRandom);
    }

    /**
     * Decrypts with k valid decryption shares.
     *
     * @throws CryptoException if the ciphertext is not valid, or if its payload does not open under
     *     the key its TDH2 part carries (then every party gets this same outcome: the encryptor was
     *     faulty)
     */
    @Override
    public byte[] combine(byte[] ciphertext, Collection<Share> shares, boolean verified) {
        Ciphertext ct = Ciphertext.parse(ciphertext);
        if (!isValid(ct)) {
            throw new CryptoException("not a valid TDH2 ciphertext for this key: nothing to combine");
        }
        ECPoint hr = DlShares.combine(shares, verified, parameters(), keyId, claims(ct), batchRandom);
        byte[] k = xor(ct.c(), h1(hr));
        return aesGcm(Cipher.DECRYPT_MODE, k, ct.label(), ct.dem());
    }

    private DlShares.Claims claims(Ciphertext ct) {
        return new DlShares.Claims() {
            @Override
            public Dleq.Statement statement(DlShares.Parsed s) {
                return new Dleq.Statement(P256.generator(), key.verificationKey(s.index()), ct.u(), s.value());
            }

            @Override
            public byte[] context(DlShares.Parsed s) {
                return proofContext(ct, s.index());
            }
        };
    }

    private byte[] proofContext(Ciphertext ct, int index) {
        return new ByteWriter().prefixed(SCHEME).raw(keyId).u16(index).raw(ct.digest()).toByteArray();
    }

    private static byte[] h1(ECPoint point) {
        MessageDigest sha = KeyIds.sha256();
        sha.update(H1_DOMAIN);
        sha.update(P256.encode(point.normalize()));
        return sha.digest();
    }

    private static BigInteger h2(byte[] keyId, byte[] label, byte[] c, byte[] dem, ECPoint u, ECPoint w, ECPoint uBar, ECPoint wBar) {
        byte[] input = new ByteWriter().raw(keyId).prefixed(label).raw(c).prefixed(dem).raw(P256.encode(u)).raw(P256.encode(w))
                .raw(P256.encode(uBar)).raw(P256.encode(wBar)).toByteArray();
        return P256.scalarFromWideBytes(HashToCurve.expandMessageXmd(input, H2_TAG, 48));
    }

    /** AES-256-GCM under HKDF-SHA256(K) (RFC 5869); the key is used once, so the nonce is fixed. */
    private static byte[] aesGcm(int mode, byte[] k, byte[] label, byte[] input) {
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(mode, new SecretKeySpec(hkdf(k), "AES"), new GCMParameterSpec(GCM_TAG_BITS, new byte[12]));
            cipher.updateAAD(new ByteWriter().prefixed(label).toByteArray());
            return cipher.doFinal(input);
        } catch (AEADBadTagException e) {
            throw new CryptoException("the payload does not open under the key in the ciphertext (faulty encryptor or shares)", e);
        } catch (GeneralSecurityException e) {
            throw new CryptoException("AES-256-GCM is not available: " + e.getMessage(), e);
        }
    }

    /** HKDF-SHA256 with one output block: PRK = HMAC(salt, K), OKM = HMAC(PRK, info || 0x01). */
    private static byte[] hkdf(byte[] k) throws GeneralSecurityException {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(KDF_SALT, "HmacSHA256"));
        byte[] prk = mac.doFinal(k);
        mac.init(new SecretKeySpec(prk, "HmacSHA256"));
        mac.update(KDF_INFO);
        mac.update((byte) 1);
        return mac.doFinal();
    }

    private static byte[] xor(byte[] a, byte[] b) {
        byte[] out = new byte[a.length];
        for (int i = 0; i < a.length; i++) {
            out[i] = (byte) (a[i] ^ b[i]);
        }
        return out;
    }

    /** Holder i's private side: x_i. */
    public static final class Holder implements Decryptor {
        private final Tdh2 pub;
        private final int index;
        private final BigInteger share;
        private final SecureRandom random = new SecureRandom();

        private Holder(Tdh2 pub, int index, BigInteger share) {
            this.pub = pub;
            this.index = index;
            this.share = share;
        }

        @Override
        public int index() {
            return index;
        }

        @Override
        public Tdh2 publicKey() {
            return pub;
        }

        /** u^{x_i} with its DLEQ proof, only for a ciphertext that passes the validity test. */
        @Override
        public Share decryptShare(byte[] ciphertext) {
            Ciphertext ct;
            try {
                ct = Ciphertext.parse(ciphertext);
            } catch (MalformedEncodingException e) {
                throw new CryptoException("no decryption share for a ciphertext that does not decode: " + e.getMessage(), e);
            }
            if (!pub.isValid(ct)) {
                throw new CryptoException("no decryption share for an invalid TDH2 ciphertext (proof fails or another key)");
            }
            ECPoint ui = P256.mul(ct.u(), share).normalize();
            Dleq.Statement s = new Dleq.Statement(P256.generator(), pub.key.verificationKey(index), ct.u(), ui);
            Dleq.Proof proof = Dleq.prove(s, share, pub.proofContext(ct, index), random);
            return new Share(index, DlShares.encode(pub.keyId, ui, proof));
        }

        public Feldman.Dealing<ECPoint> reshareDealing(ThresholdParameters next, SecureRandom random) {
            return DlThresholdKey.FELDMAN.deal(index, share, next, random);
        }

        public byte[] encode() {
            return DlShares.encodeSecret(SECRET_FORMAT, pub.keyId, index, share);
        }

        @Override
        public String toString() {
            return "Tdh2.Holder[" + index + "]";
        }
    }
}
