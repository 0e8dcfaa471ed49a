package org.maftia.crypto.rsa;

import java.math.BigInteger;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import org.bouncycastle.util.encoders.Hex;
import org.maftia.crypto.CryptoException;
import org.maftia.crypto.MalformedEncodingException;
import org.maftia.crypto.NotEnoughSharesException;
import org.maftia.crypto.Share;
import org.maftia.crypto.ShareVerdict;
import org.maftia.crypto.ThresholdParameters;
import org.maftia.crypto.ThresholdSignature;
import org.maftia.crypto.ThresholdSignatures;
import org.maftia.crypto.codec.ByteReader;
import org.maftia.crypto.codec.ByteWriter;
import org.maftia.crypto.codec.ShareHeader;

/**
 * The public side of Shoup's threshold RSA signatures (V. Shoup, "Practical Threshold
 * Signatures", Eurocrypt 2000), the scheme the spec's protocols were designed with (spec 5.2.1.1):
 * modulus {@code N = pq} of safe primes, public exponent {@code e} (a prime {@code > n}),
 * verification keys {@code v} (a generator of the squares) and {@code v_i = v^(s_i)}. The group
 * signature is an ordinary RSA full-domain-hash signature: {@code y^e = H(M) mod N}.
 *
 * <p>For {@code k = t+1} this is the paper's basic scheme (Protocol 1, section 3); for
 * {@code k > t+1}, its section 5 variant (Protocol 2): the dealer also publishes {@code u} with
 * Jacobi symbol -1, and the shares are computed on {@code xhat = x} if {@code (x|N) = 1},
 * {@code xhat = x u^e} otherwise; the combined {@code y'} with {@code y'^e = xhat} becomes the
 * signature {@code y = y' u^-1} in the second case. Verification is the same in both.
 *
 * <p>Precomputed from the key: {@code Delta = n!}, {@code 4 Delta}, the Bezout coefficients
 * {@code a, b} of {@code 4 Delta^2 a + e b = 1}, {@code u^e}, {@code u^-1}, every {@code v_i^-1},
 * the fingerprint. Immutable and thread-safe.
 */
public final class ShoupPublicKey implements ThresholdSignature {

    public static final String SCHEME = "shoup-rsa";
    /** Small enough for fast unit tests; {@code maftia keygen} should use 2048 bits or more. */
    public static final int MIN_MODULUS_BITS = 512;
    public static final int MAX_MODULUS_BITS = 16384;

    static final byte CODE = ThresholdSignatures.SHOUP_RSA_CODE;
    private static final byte[] HASH_DOMAIN = RsaMath.ascii("maftia/shoup-rsa/H/v1");

    private final ThresholdParameters parameters;
    private final BigInteger modulus;
    private final BigInteger e;
    private final BigInteger v;
    private final BigInteger u;
    private final List<BigInteger> verificationKeys;
    private final List<BigInteger> verificationKeyInverses;
    private final int modulusBytes;
    private final BigInteger delta;
    private final BigInteger fourDelta;
    private final BigInteger bezoutA;
    private final BigInteger bezoutB;
    private final BigInteger uToE;
    private final BigInteger uInverse;
    private final byte[] encoded;
    private final byte[] fingerprint;
    private final byte[] keyId;

    /**
     * @throws MalformedEncodingException if the values cannot form a key: modulus even or of the
     *     wrong size, e not a prime above n, a value not a unit modulo N, u of Jacobi symbol other
     *     than -1
     */
    public ShoupPublicKey(ThresholdParameters parameters, BigInteger modulus, BigInteger e, BigInteger v, BigInteger u,
            List<BigInteger> verificationKeys) {
        if (parameters.n() > 0xFFFF) {
            throw new IllegalArgumentException("at most 65535 holders, not " + parameters.n());
        }
        if (modulus.signum() <= 0 || !modulus.testBit(0)
                || modulus.bitLength() < MIN_MODULUS_BITS || modulus.bitLength() > MAX_MODULUS_BITS) {
            throw bad("modulus must be odd with " + MIN_MODULUS_BITS + ".." + MAX_MODULUS_BITS + " bits");
        }
        // e prime and > n makes gcd(e, 4 Delta^2) = 1 (Shoup, section 3), which the combination needs.
        if (e.bitLength() > 31 || e.compareTo(BigInteger.valueOf(parameters.n())) <= 0 || !e.isProbablePrime(SafePrimes.CERTAINTY)) {
            throw bad("public exponent must be a prime above n = " + parameters.n() + " and below 2^31");
        }
        if (verificationKeys.size() != parameters.n()) {
            throw bad("need " + parameters.n() + " verification keys, got " + verificationKeys.size());
        }
        this.parameters = parameters;
        this.modulus = modulus;
        this.e = e;
        this.v = unit(v, "v");
        this.u = unit(u, "u");
        if (RsaMath.jacobi(u, modulus) != -1) {
            throw bad("u must have Jacobi symbol -1 modulo N");
        }
        List<BigInteger> keys = new ArrayList<>();
        List<BigInteger> inverses = new ArrayList<>();
        for (int i = 0; i < verificationKeys.size(); i++) {
            BigInteger vi = unit(verificationKeys.get(i), "v_" + i);
            keys.add(vi);
            inverses.add(vi.modInverse(modulus));
        }
        this.verificationKeys = List.copyOf(keys);
        this.verificationKeyInverses = List.copyOf(inverses);
        this.modulusBytes = (modulus.bitLength() + 7) / 8;
        this.delta = IntegerLagrange.factorial(parameters.n());
        this.fourDelta = delta.shiftLeft(2);
        BigInteger fourDeltaSquared = delta.multiply(delta).shiftLeft(2);
        // 4 Delta^2 a + e b = 1 (Shoup, section 3, combining): a = (4 Delta^2)^-1 mod e, b exact.
        this.bezoutA = fourDeltaSquared.modInverse(e);
        this.bezoutB = BigInteger.ONE.subtract(fourDeltaSquared.multiply(bezoutA)).divide(e);
        this.uToE = u.modPow(e, modulus);
        this.uInverse = u.modInverse(modulus);
        this.encoded = encodeFields();
        this.fingerprint = RsaMath.sha256().digest(encoded);
        this.keyId = ShareHeader.keyId(fingerprint);
    }

    private BigInteger unit(BigInteger x, String name) {
        if (x.signum() <= 0 || x.compareTo(modulus) >= 0 || !x.gcd(modulus).equals(BigInteger.ONE) || x.equals(BigInteger.ONE)) {
            throw bad(name + " must be a unit other than 1 modulo N");
        }
        return x;
    }

    private static MalformedEncodingException bad(String detail) {
        return new MalformedEncodingException(SCHEME + " public key: " + detail);
    }

    /**
     * {@code [code 0x02][kind 0x01][n][k][t][|N| in bytes] (16 bits each) [N][e: 32 bits][v][u][v_0..v_{n-1}]},
     * each group element in exactly |N| bytes.
     */
    private byte[] encodeFields() {
        ByteWriter out = new ByteWriter().u8(CODE).u8(ThresholdSignatures.KIND_PUBLIC_KEY)
                .u16(parameters.n()).u16(parameters.k()).u16(parameters.t()).u16(modulusBytes)
                .unsigned(modulus, modulusBytes).u32(e.intValueExact())
                .unsigned(v, modulusBytes).unsigned(u, modulusBytes);
        verificationKeys.forEach(vi -> out.unsigned(vi, modulusBytes));
        return out.toByteArray();
    }

    /** Strict inverse of {@link #encode()}. */
    public static ShoupPublicKey decode(byte[] encoded) {
        ByteReader in = new ByteReader(encoded, SCHEME + " public key");
        in.expect(CODE, "scheme code");
        in.expect(ThresholdSignatures.KIND_PUBLIC_KEY, "kind");
        ThresholdParameters p;
        try {
            p = new ThresholdParameters(in.u16("n"), in.u16("k"), in.u16("t"));
        } catch (IllegalArgumentException e) {
            throw in.malformed(e.getMessage());
        }
        int len = in.u16("modulus length");
        BigInteger n = in.unsigned(len, "modulus");
        if ((n.bitLength() + 7) / 8 != len) {
            throw in.malformed("modulus has leading zero bytes");
        }
        BigInteger e = BigInteger.valueOf(in.u32("public exponent"));
        BigInteger v = in.unsigned(len, "v");
        BigInteger u = in.unsigned(len, "u");
        List<BigInteger> keys = new ArrayList<>();
        for (int i = 0; i < p.n(); i++) {
            keys.add(in.unsigned(len, "verification key"));
        }
        in.end();
        return new ShoupPublicKey(p, n, e, v, u, keys);
    }

    public byte[] encode() {
        return encoded.clone();
    }

    /** SHA-256 of {@link #encode()}. */
    public byte[] fingerprint() {
        return fingerprint.clone();
    }

    public BigInteger modulus() {
        return modulus;
    }

    public BigInteger publicExponent() {
        return e;
    }

    public BigInteger v() {
        return v;
    }

    public BigInteger u() {
        return u;
    }

    public BigInteger verificationKey(int index) {
        return verificationKeys.get(index);
    }

    BigInteger verificationKeyInverse(int index) {
        return verificationKeyInverses.get(index);
    }

    int modulusBits() {
        return modulus.bitLength();
    }

    int modulusBytes() {
        return modulusBytes;
    }

    int responseBits() {
        return ShareProof.responseBits(modulus.bitLength());
    }

    int responseBytes() {
        return (responseBits() + 7) / 8;
    }

    BigInteger delta() {
        return delta;
    }

    byte[] keyId() {
        return keyId.clone();
    }

    /** Protocol 2 (k > t+1, Shoup section 5) maps H(M) into the Jacobi-symbol-1 subgroup. */
    boolean usesJacobiNormalisation() {
        return parameters.k() > parameters.t() + 1;
    }

    @Override
    public String scheme() {
        return SCHEME;
    }

    @Override
    public ThresholdParameters parameters() {
        return parameters;
    }

    /**
     * The full-domain hash x = H(M) in Z_N (Shoup's H): with
     * {@code seed = SHA-256("maftia/shoup-rsa/H/v1" || fingerprint || M)}, take |N| + 128 bits of
     * SHA-256 in counter mode over the seed and reduce modulo N; the 128 extra bits make x within
     * statistical distance 2^-128 of uniform. Binding the key's fingerprint keeps signatures of one
     * group from meaning anything under another.
     */
    BigInteger hash(byte[] message) {
        MessageDigest sha = RsaMath.sha256();
        sha.update(HASH_DOMAIN);
        sha.update(fingerprint);
        sha.update(message);
        byte[] seed = sha.digest();
        int bytes = (modulus.bitLength() + 128 + 7) / 8;
        return new BigInteger(1, RsaMath.expand(seed, bytes)).mod(modulus);
    }

    /** The per-message values every share of M is computed or checked against. */
    record Target(BigInteger x, BigInteger xHat, boolean jacobiMinusOne) {
    }

    Target target(byte[] message) {
        BigInteger x = hash(message);
        if (!x.gcd(modulus).equals(BigInteger.ONE)) {
            // Would factor N: as likely as factoring by hashing; refuse rather than sign 0.
            throw new CryptoException("message hashes to a non-unit modulo N");
        }
        if (usesJacobiNormalisation() && RsaMath.jacobi(x, modulus) == -1) {
            return new Target(x, x.multiply(uToE).mod(modulus), true);
        }
        return new Target(x, x, false);
    }

    /** xtilde = xhat^(4 Delta), the base of the share proof (Shoup, section 3). */
    BigInteger xTilde(Target target) {
        return target.xHat().modPow(fourDelta, modulus);
    }

    @Override
    public ShareVerdict verifyShare(byte[] message, Share share) {
        Target target = target(message);
        return verify(target, xTilde(target), share);
    }

    /** Hashes the message and raises it to 4 Delta once for all the shares. */
    @Override
    public List<ShareVerdict> verifyShares(byte[] message, List<Share> shares) {
        Target target = target(message);
        BigInteger xTilde = xTilde(target);
        return shares.stream().map(s -> verify(target, xTilde, s)).toList();
    }

    private ShareVerdict verify(Target target, BigInteger xTilde, Share share) {
        int index = share.index();
        DecodedOrVerdict decoded = decodeShare(share);
        if (decoded.verdict() != null) {
            return decoded.verdict();
        }
        if (!ShareProof.verify(this, index, xTilde, decoded.share())) {
            return ShareVerdict.invalid(index, ShareVerdict.Problem.BAD_PROOF,
                    "proof of holder " + index + "'s share does not verify on this message");
        }
        return ShareVerdict.valid(index);
    }

    private record DecodedOrVerdict(ShoupShare share, ShareVerdict verdict) {
    }

    private DecodedOrVerdict decodeShare(Share share) {
        int index = share.index();
        if (index >= parameters.n()) {
            return new DecodedOrVerdict(null, ShareVerdict.invalid(index, ShareVerdict.Problem.UNKNOWN_HOLDER,
                    "holder " + index + " is not one of 0.." + (parameters.n() - 1)));
        }
        byte[] encoded = share.encoded();
        Optional<ShareVerdict> header = ShareHeader.check(index, encoded, CODE, SCHEME, keyId);
        if (header.isPresent()) {
            return new DecodedOrVerdict(null, header.get());
        }
        ShoupShare.DecodeResult result = ShoupShare.decode(this, index, encoded);
        return result.problem().map(p -> new DecodedOrVerdict(null, p))
                .orElseGet(() -> new DecodedOrVerdict(result.share().orElseThrow(), null));
    }

    @Override
    public byte[] combine(byte[] message, Collection<Share> shares, boolean verified) {
        Target target = target(message);
        BigInteger xTilde = verified ? null : xTilde(target);
        TreeMap<Integer, BigInteger> chosen = new TreeMap<>();
        for (Share share : shares) {
            if (chosen.size() == parameters.k()) {
                break;
            }
            if (share.index() >= parameters.n() || chosen.containsKey(share.index())) {
                continue;
            }
            DecodedOrVerdict decoded = decodeShare(share);
            if (decoded.verdict() != null) {
                continue;
            }
            if (!verified && !ShareProof.verify(this, share.index(), xTilde, decoded.share())) {
                continue;
            }
            chosen.put(share.index(), decoded.share().xi());
        }
        if (chosen.size() < parameters.k()) {
            throw new NotEnoughSharesException(parameters.k(), chosen.size());
        }
        BigInteger y = combineValues(target, chosen);
        // y^e costs 17 multiplications for e = 65537: checking is almost free, and catches a
        // caller whose "verified" shares were not (then we verify them and try again).
        if (!y.modPow(e, modulus).equals(target.x())) {
            if (verified) {
                return combine(message, shares, false);
            }
            throw new CryptoException("combined signature does not verify although every share did: inconsistent key");
        }
        return encodeSignature(y);
    }

    /**
     * Shoup, section 3: w = prod x_j^(2 lambda_{0,j}^S), so w^e = xhat^(4 Delta^2), and
     * y' = w^a xhat^b with 4 Delta^2 a + e b = 1 satisfies y'^e = xhat; section 5 then divides
     * by u if xhat = x u^e.
     */
    private BigInteger combineValues(Target target, TreeMap<Integer, BigInteger> chosen) {
        int[] indices = chosen.keySet().stream().mapToInt(Integer::intValue).toArray();
        BigInteger[] lambda = IntegerLagrange.atZero(delta, indices);
        BigInteger positive = BigInteger.ONE;
        BigInteger negative = BigInteger.ONE;
        int j = 0;
        for (BigInteger xi : chosen.values()) {
            BigInteger exponent = lambda[j++].shiftLeft(1);
            if (exponent.signum() >= 0) {
                positive = positive.multiply(xi.modPow(exponent, modulus)).mod(modulus);
            } else {
                negative = negative.multiply(xi.modPow(exponent.negate(), modulus)).mod(modulus);
            }
        }
        // One inversion for all negative coefficients instead of one per share.
        BigInteger w = positive.multiply(negative.modInverse(modulus)).mod(modulus);
        BigInteger y = w.modPow(bezoutA, modulus).multiply(target.xHat().modPow(bezoutB, modulus)).mod(modulus);
        return target.jacobiMinusOne() ? y.multiply(uInverse).mod(modulus) : y;
    }

    /** {@code [code 0x02][kind 0x04][y: |N| bytes]}. */
    private byte[] encodeSignature(BigInteger y) {
        return new ByteWriter().u8(CODE).u8(ThresholdSignatures.KIND_SIGNATURE).unsigned(y, modulusBytes).toByteArray();
    }

    /** RSA-FDH verification: y in 1..N-1 and y^e = H(M) mod N. Never throws on bad bytes. */
    @Override
    public boolean verify(byte[] message, byte[] signature) {
        if (signature == null || signature.length != 2 + modulusBytes
                || signature[0] != CODE || signature[1] != ThresholdSignatures.KIND_SIGNATURE) {
            return false;
        }
        BigInteger y = new BigInteger(1, signature, 2, modulusBytes);
        if (y.signum() == 0 || y.compareTo(modulus) >= 0) {
            return false;
        }
        return y.modPow(e, modulus).equals(hash(message));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ShoupPublicKey other && MessageDigest.isEqual(other.encoded, encoded);
    }

    @Override
    public int hashCode() {
        return java.util.Arrays.hashCode(fingerprint);
    }

    @Override
    public String toString() {
        return SCHEME + parameters + " " + modulus.bitLength() + "-bit " + Hex.toHexString(keyId);
    }
}
