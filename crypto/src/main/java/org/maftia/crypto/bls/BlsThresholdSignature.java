package org.maftia.crypto.bls;

import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.maftia.crypto.MalformedEncodingException;
import org.maftia.crypto.NotEnoughSharesException;
import org.maftia.crypto.Share;
import org.maftia.crypto.ShareVerdict;
import org.maftia.crypto.ShareVerdict.Problem;
import org.maftia.crypto.ThresholdParameters;
import org.maftia.crypto.ThresholdSignature;
import org.maftia.crypto.ThresholdSigner;
import org.maftia.crypto.codec.ByteReader;
import org.maftia.crypto.codec.ByteWriter;
import org.maftia.crypto.codec.KeyIds;
import org.maftia.crypto.sharing.Feldman;
import org.maftia.crypto.sharing.Shamir;
import supranational.blst.P1;
import supranational.blst.P1_Affine;
import supranational.blst.P2;
import supranational.blst.P2_Affine;

/**
 * Threshold BLS signatures on BLS12-381 (Boldyreva, PKC 2003, on the BLS scheme of Boneh, Lynn and
 * Shacham), min-signature-size variant {@value Blst#DST}: the secret x is shared by Shamir over
 * Z_r with {@code (n, k, t)}; the group public key is g2^x and holder i's verification key
 * g2^{x_i} (96 bytes each); holder i's share on m is H(m)^{x_i} in G1 (48 bytes), which is a
 * plain BLS signature under its verification key and is checked by one pairing equation; any k
 * valid shares combine by Lagrange interpolation in G1 to H(m)^x, the unique BLS signature of the
 * group on m.
 *
 * <p>Why min-signature: shares and signatures travel in every ABBA, VCBC and VBA message while
 * keys are loaded once, and G1 is the cheaper group: hashing to G1 and exponentiating in G1 cost
 * about half of G2, so signing a share and Lagrange-combining k of them are about twice as fast as
 * with min-pubkey, and signatures are 48 bytes instead of 96. Aggregation of many signers' keys
 * (what min-pubkey optimises for) is not how threshold signatures are used.
 *
 * <p>Immutable and thread-safe. Every method throws a clear CryptoException where the native
 * library did not load.
 */
public final class BlsThresholdSignature implements ThresholdSignature {

    public static final String SCHEME = "bls12-381";

    static final Shamir SHAMIR = new Shamir(Blst.R);
    static final Feldman<P2> FELDMAN = new Feldman<>(new G2Commitments());
    private static final String PUBLIC_FORMAT = "maftia/" + SCHEME + "/public-key";
    private static final String SECRET_FORMAT = "maftia/" + SCHEME + "/secret-share";
    static final int SHARE_BYTES = KeyIds.BYTES + Blst.G1_BYTES;
    private static final int BATCH_EXPONENT_BITS = 128;

    private final ThresholdParameters parameters;
    private final P2_Affine publicKey;
    private final List<P2_Affine> verificationKeys;
    private final byte[] encoded;
    private final byte[] keyId;
    private final SecureRandom batchRandom = new SecureRandom();

    private BlsThresholdSignature(ThresholdParameters parameters, P2_Affine publicKey, List<P2_Affine> verificationKeys) {
        this.parameters = parameters;
        this.publicKey = publicKey;
        this.verificationKeys = List.copyOf(verificationKeys);
        ByteWriter w = new ByteWriter().u8(1).prefixed(PUBLIC_FORMAT).u16(parameters.n()).u16(parameters.k()).u16(parameters.t())
                .raw(publicKey.compress());
        for (P2_Affine vk : verificationKeys) {
            w.raw(vk.compress());
        }
        this.encoded = w.toByteArray();
        this.keyId = KeyIds.of(SCHEME, encoded);
    }

    public record Dealt(BlsThresholdSignature publicKey, List<Signer> signers) {
        public Dealt {
            signers = List.copyOf(signers);
        }
    }

    public static Dealt deal(ThresholdParameters parameters, SecureRandom random) {
        Blst.require();
        BigInteger x = Blst.randomScalar(random);
        BigInteger[] shares = SHAMIR.split(x, parameters, random);
        List<P2_Affine> vks = new ArrayList<>();
        for (BigInteger s : shares) {
            vks.add(Blst.g2Times(s));
        }
        return wrap(new BlsThresholdSignature(parameters, Blst.g2Times(x), vks), List.of(shares));
    }

    private static Dealt wrap(BlsThresholdSignature pub, List<BigInteger> shares) {
        List<Signer> signers = new ArrayList<>();
        for (int i = 0; i < shares.size(); i++) {
            signers.add(new Signer(pub, i, shares.get(i)));
        }
        return new Dealt(pub, signers);
    }

    /**
     * Re-shares the signing key for new parameters (spec 5.4.1) with Feldman commitments in G2:
     * the group public key and so every signature stay the same; the shares and verification keys
     * change.
     *
     * @throws Feldman.InvalidDealingException naming the old holder whose contribution is faulty
     */
    public Dealt reshare(List<Signer> contributors, ThresholdParameters next, SecureRandom random) {
        List<Feldman.Dealing<P2>> dealings = new ArrayList<>();
        for (Signer s : contributors) {
            if (s.pub != this) {
                throw new IllegalArgumentException("signer " + s.index + " belongs to another key");
            }
            dealings.add(s.reshareDealing(next, random));
        }
        return completeReshare(next, dealings);
    }

    public Dealt completeReshare(ThresholdParameters next, List<Feldman.Dealing<P2>> dealings) {
        Blst.require();
        List<P2> oldVks = verificationKeys.stream().map(P2::new).toList();
        Feldman.Result<P2> r = FELDMAN.combine(parameters, oldVks, new P2(publicKey), next, dealings);
        return wrap(new BlsThresholdSignature(next, publicKey, r.verificationKeys().stream().map(P2::to_affine).toList()), r.shares());
    }

    /**
     * Decodes a public key strictly: points in G2, and verification keys on one polynomial of degree
     * k-1 in the exponent whose value at 0 is the public key.
     */
    public static BlsThresholdSignature decode(byte[] bytes) {
        Blst.require();
        ByteReader r = new ByteReader(bytes, "BLS public key");
        int version = r.u8("version");
        if (version != 1) {
            throw r.malformed("unknown version " + version);
        }
        r.expectPrefixed(PUBLIC_FORMAT, "format");
        ThresholdParameters p;
        try {
            p = new ThresholdParameters(r.u16("n"), r.u16("k"), r.u16("t"));
        } catch (IllegalArgumentException e) {
            throw r.malformed(e.getMessage());
        }
        P2_Affine pk = Blst.decodeG2(r.raw(Blst.G2_BYTES, "public key"), "public key");
        List<P2_Affine> vks = new ArrayList<>();
        for (int i = 0; i < p.n(); i++) {
            vks.add(Blst.decodeG2(r.raw(Blst.G2_BYTES, "verification key " + i), "verification key " + i));
        }
        r.end();
        int[] base = new int[p.k()];
        for (int j = 0; j < p.k(); j++) {
            base[j] = j;
        }
        if (!interpolateG2(vks, base, SHAMIR.lagrangeAtZero(base)).is_equal(new P2(pk))) {
            throw r.malformed("the verification keys do not interpolate to the public key");
        }
        for (int i = p.k(); i < p.n(); i++) {
            if (!interpolateG2(vks, base, SHAMIR.lagrangeAt(BigInteger.valueOf(i + 1L), base)).is_equal(new P2(vks.get(i)))) {
                throw r.malformed("verification key " + i + " is not on the sharing polynomial of the others");
            }
        }
        return new BlsThresholdSignature(p, pk, vks);
    }

    private static P2 interpolateG2(List<P2_Affine> points, int[] indices, BigInteger[] lambda) {
        P2 acc = new P2();
        for (int j = 0; j < indices.length; j++) {
            acc.add(new P2(points.get(indices[j])).mult(lambda[j]));
        }
        return acc;
    }

    public byte[] encode() {
        return encoded.clone();
    }

    public byte[] keyId() {
        return keyId.clone();
    }

    /** The group's 96-byte public key, a plain BLS public key of the ciphersuite ({@link Bls#verify}). */
    public byte[] groupPublicKey() {
        return publicKey.compress();
    }

    /** A holder's key file: the group's public key and the holder's secret share, self-contained. */
    public static byte[] encodeKeyFile(Signer signer) {
        return new ByteWriter().prefixed(signer.pub.encode()).prefixed(signer.encode()).toByteArray();
    }

    /** Strict inverse of {@link #encodeKeyFile}. */
    public static Signer decodeKeyFile(byte[] encoded) {
        ByteReader r = new ByteReader(encoded, "BLS key file");
        BlsThresholdSignature group = decode(r.prefixed("group public key"));
        Signer signer = group.signer(r.prefixed("secret share"));
        r.end();
        return signer;
    }

    public Signer signer(byte[] encodedSecret) {
        Blst.require();
        ByteReader r = new ByteReader(encodedSecret, "BLS secret share");
        int version = r.u8("version");
        if (version != 1) {
            throw r.malformed("unknown version " + version);
        }
        r.expectPrefixed(SECRET_FORMAT, "format");
        byte[] id = r.raw(KeyIds.BYTES, "key id");
        if (!Arrays.equals(id, keyId)) {
            throw r.malformed("the share belongs to key " + KeyIds.hex(id) + ", not " + KeyIds.hex(keyId));
        }
        int index = r.u16("holder index");
        if (index >= parameters.n()) {
            throw r.malformed("holder index " + index + " is not one of 0.." + (parameters.n() - 1));
        }
        BigInteger x = Blst.decodeScalar(r.raw(Blst.SCALAR_BYTES, "secret share"), "secret share");
        r.end();
        if (!new P2(Blst.g2Times(x)).is_equal(new P2(verificationKeys.get(index)))) {
            throw r.malformed("the secret share does not match holder " + index + "'s verification key");
        }
        return new Signer(this, index, x);
    }

    @Override
    public String scheme() {
        return SCHEME;
    }

    @Override
    public ThresholdParameters parameters() {
        return parameters;
    }

    /** A share decoded, or the verdict on why it does not decode. */
    private sealed interface Decoded permits Parsed, Rejected {
    }

    private record Parsed(int index, P1_Affine sigma) implements Decoded {
    }

    private record Rejected(ShareVerdict verdict) implements Decoded {
    }

    private static Rejected reject(int index, Problem problem, String detail) {
        return new Rejected(ShareVerdict.invalid(index, problem, detail));
    }

    private Decoded parse(Share share) {
        int index = share.index();
        if (index >= parameters.n()) {
            return reject(index, Problem.UNKNOWN_HOLDER, "holder " + index + " is not one of 0.." + (parameters.n() - 1));
        }
        byte[] bytes = share.encoded();
        if (bytes.length != SHARE_BYTES) {
            return reject(index, Problem.MALFORMED, "a share takes " + SHARE_BYTES + " bytes, got " + bytes.length);
        }
        byte[] id = Arrays.copyOf(bytes, KeyIds.BYTES);
        if (!Arrays.equals(id, keyId)) {
            return reject(index, Problem.WRONG_KEY, "made for key " + KeyIds.hex(id) + ", not " + KeyIds.hex(keyId));
        }
        try {
            return new Parsed(index, Blst.decodeG1(Arrays.copyOfRange(bytes, KeyIds.BYTES, bytes.length), "signature share"));
        } catch (MalformedEncodingException e) {
            return reject(index, Problem.MALFORMED, e.getMessage());
        }
    }

    private ShareVerdict check(Parsed s, byte[] message) {
        return Blst.coreVerify(s.sigma(), verificationKeys.get(s.index()), message)
                ? ShareVerdict.valid(s.index())
                : ShareVerdict.invalid(s.index(), Problem.BAD_PROOF, "not H(m)^{x_i}: the pairing check fails for this message and holder");
    }

    @Override
    public ShareVerdict verifyShare(byte[] message, Share share) {
        Blst.require();
        return switch (parse(share)) {
            case Parsed s -> check(s, message);
            case Rejected r -> r.verdict();
        };
    }

    /**
     * Checks shares on one message with one pairing equation: for random 128-bit rho_i, e(prod
     * sigma_i^{rho_i}, g2) = e(H(m), prod vk_i^{rho_i}), i.e. the product is a valid signature
     * under the combined key. Sound (Bellare-Garay-Rabin small exponents): each sigma_i is in the
     * prime-order G1 (checked when decoded), so sigma_i = H(m)^{x_i} delta_i, and the check holds
     * iff prod delta_i^{rho_i} = 1, which for some delta_j != 1 happens for at most one rho_j mod r
     * given the others: probability at most 2^-128. Only if it fails are the shares checked one by
     * one, to name the bad ones.
     */
    @Override
    public List<ShareVerdict> verifyShares(byte[] message, List<Share> shares) {
        Blst.require();
        ShareVerdict[] verdicts = new ShareVerdict[shares.size()];
        List<Integer> positions = new ArrayList<>();
        List<Parsed> parsed = new ArrayList<>();
        for (int i = 0; i < shares.size(); i++) {
            switch (parse(shares.get(i))) {
                case Parsed s -> {
                    positions.add(i);
                    parsed.add(s);
                }
                case Rejected r -> verdicts[i] = r.verdict();
            }
        }
        boolean allGood = false;
        if (parsed.size() > 1) {
            P1 sigmaSum = new P1();
            P2 keySum = new P2();
            for (Parsed s : parsed) {
                BigInteger rho = nonZero128();
                sigmaSum.add(new P1(s.sigma()).mult(rho));
                keySum.add(new P2(verificationKeys.get(s.index())).mult(rho));
            }
            allGood = !keySum.is_inf() && Blst.coreVerify(sigmaSum.to_affine(), keySum.to_affine(), message);
        }
        for (int j = 0; j < parsed.size(); j++) {
            Parsed s = parsed.get(j);
            verdicts[positions.get(j)] = allGood ? ShareVerdict.valid(s.index()) : check(s, message);
        }
        return List.of(verdicts);
    }

    @Override
    public byte[] combine(byte[] message, Collection<Share> shares, boolean verified) {
        Blst.require();
        List<Share> list = List.copyOf(shares);
        List<Parsed> usable = new ArrayList<>();
        if (verified) {
            for (Share s : list) {
                if (parse(s) instanceof Parsed p) {
                    usable.add(p);
                }
            }
        } else {
            List<ShareVerdict> verdicts = verifyShares(message, list);
            for (int i = 0; i < list.size(); i++) {
                if (verdicts.get(i).isValid()) {
                    usable.add((Parsed) parse(list.get(i)));
                }
            }
        }
        Set<Integer> seen = new HashSet<>();
        List<Parsed> chosen = new ArrayList<>();
        for (Parsed s : usable) {
            if (chosen.size() < parameters.k() && seen.add(s.index())) {
                chosen.add(s);
            }
        }
        if (chosen.size() < parameters.k()) {
            throw new NotEnoughSharesException(parameters.k(), seen.size());
        }
        int[] indices = chosen.stream().mapToInt(Parsed::index).toArray();
        BigInteger[] lambda = SHAMIR.lagrangeAtZero(indices);
        P1 sigma = new P1();
        for (int j = 0; j < indices.length; j++) {
            sigma.add(new P1(chosen.get(j).sigma()).mult(lambda[j]));
        }
        return sigma.compress();
    }

    @Override
    public boolean verify(byte[] message, byte[] signature) {
        Blst.require();
        try {
            return Blst.coreVerify(Blst.decodeG1(signature, "BLS signature"), publicKey, message);
        } catch (MalformedEncodingException e) {
            return false;
        }
    }

    private BigInteger nonZero128() {
        BigInteger r;
        do {
            r = new BigInteger(BATCH_EXPONENT_BITS, batchRandom);
        } while (r.signum() == 0);
        return r;
    }

    /** Holder i's private side: x_i. */
    public static final class Signer implements ThresholdSigner {
        private final BlsThresholdSignature pub;
        private final int index;
        private final BigInteger share;

        private Signer(BlsThresholdSignature pub, int index, BigInteger share) {
            this.pub = pub;
            this.index = index;
            this.share = share;
        }

        @Override
        public int index() {
            return index;
        }

        @Override
        public BlsThresholdSignature publicKey() {
            return pub;
        }

        /** H(m)^{x_i}: a BLS signature on m under the holder's verification key. */
        @Override
        public Share sign(byte[] message) {
            Blst.require();
            byte[] sigma = Blst.hashToG1(message).sign_with(Blst.secretKey(share)).compress();
            return new Share(index, new ByteWriter().raw(pub.keyId).raw(sigma).toByteArray());
        }

        public Feldman.Dealing<P2> reshareDealing(ThresholdParameters next, SecureRandom random) {
            Blst.require();
            return FELDMAN.deal(index, share, next, random);
        }

        public byte[] encode() {
            return new ByteWriter().u8(1).prefixed(SECRET_FORMAT).raw(pub.keyId).u16(index).raw(Blst.encodeScalar(share)).toByteArray();
        }

        @Override
        public String toString() {
            return "BlsThresholdSignature.Signer[" + index + "]";
        }
    }

    /** G2 as Feldman commitments see it; every operation works on copies (jblst points are mutable). */
    static final class G2Commitments implements Feldman.Group<P2> {
        @Override
        public BigInteger order() {
            return Blst.R;
        }

        @Override
        public P2 generatorTimes(BigInteger k) {
            return new P2(Blst.secretKey(k));
        }

        @Override
        public P2 times(P2 p, BigInteger k) {
            return p.dup().mult(k);
        }

        @Override
        public P2 add(P2 a, P2 b) {
            return a.dup().add(b);
        }

        @Override
        public boolean equal(P2 a, P2 b) {
            return a.is_equal(b);
        }
    }
}
