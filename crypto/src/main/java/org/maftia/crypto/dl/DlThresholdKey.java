package org.maftia.crypto.dl;

import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.math.ec.ECPoint;
import org.maftia.crypto.ThresholdParameters;
import org.maftia.crypto.codec.ByteReader;
import org.maftia.crypto.codec.ByteWriter;
import org.maftia.crypto.sharing.Feldman;
import org.maftia.crypto.sharing.Shamir;

/**
 * The public part of a secret x in Z_q shared by Shamir with {@code (n, k, t)} over P-256: the
 * public key y = g^x and the verification keys g^{x_i} of the holders. Shared by
 * {@link DiffieHellmanCoin} and {@link Tdh2}. Immutable; the points are kept as single
 * normalized instances so their comb tables are computed once.
 */
public final class DlThresholdKey {

    static final Shamir SHAMIR = new Shamir(P256.ORDER);
    static final Feldman<ECPoint> FELDMAN = new Feldman<>(new CommitmentGroup());

    private final ThresholdParameters parameters;
    private final ECPoint publicKey;
    private final List<ECPoint> verificationKeys;

    DlThresholdKey(ThresholdParameters parameters, ECPoint publicKey, List<ECPoint> verificationKeys) {
        if (verificationKeys.size() != parameters.n()) {
            throw new IllegalArgumentException("need one verification key per holder");
        }
        this.parameters = parameters;
        this.publicKey = publicKey.normalize();
        this.verificationKeys = verificationKeys.stream().map(ECPoint::normalize).toList();
    }

    /** A dealt key: the public part and the n secret shares (share i for holder i). */
    record Dealt(DlThresholdKey key, List<BigInteger> shares) {
    }

    static Dealt deal(ThresholdParameters parameters, SecureRandom random) {
        BigInteger x = P256.randomScalar(random);
        BigInteger[] shares = SHAMIR.split(x, parameters, random);
        List<ECPoint> vks = new ArrayList<>();
        for (BigInteger s : shares) {
            vks.add(P256.mulG(s));
        }
        return new Dealt(new DlThresholdKey(parameters, P256.mulG(x), vks), List.of(shares));
    }

    /** Re-shares the secret from the given old holders' shares for new parameters (spec 5.4.1). */
    Dealt reshare(List<Integer> contributors, List<BigInteger> contributorShares, ThresholdParameters next, SecureRandom random) {
        List<Feldman.Dealing<ECPoint>> dealings = new ArrayList<>();
        for (int d = 0; d < contributors.size(); d++) {
            dealings.add(FELDMAN.deal(contributors.get(d), contributorShares.get(d), next, random));
        }
        return fromDealings(next, dealings);
    }

    /** Completes a re-sharing from the old holders' dealings, checking each (faults name the contributor). */
    Dealt fromDealings(ThresholdParameters next, List<Feldman.Dealing<ECPoint>> dealings) {
        Feldman.Result<ECPoint> r = FELDMAN.combine(parameters, verificationKeys, publicKey, next, dealings);
        return new Dealt(new DlThresholdKey(next, publicKey, r.verificationKeys()), r.shares());
    }

    public ThresholdParameters parameters() {
        return parameters;
    }

    /** y = g^x. */
    public ECPoint publicKey() {
        return publicKey;
    }

    /** g^{x_i} of holder {@code index}. */
    public ECPoint verificationKey(int index) {
        return verificationKeys.get(index);
    }

    public List<ECPoint> verificationKeys() {
        return verificationKeys;
    }

    /** The product of values[j]^{lambda_j}: Lagrange interpolation at 0 in the exponent. */
    static ECPoint interpolate(int[] indices, ECPoint[] values) {
        BigInteger[] lambda = SHAMIR.lagrangeAtZero(indices);
        return P256.sumOfMultiplies(values, lambda);
    }

    void write(ByteWriter w) {
        w.u16(parameters.n()).u16(parameters.k()).u16(parameters.t()).raw(P256.encode(publicKey));
        for (ECPoint vk : verificationKeys) {
            w.raw(P256.encode(vk));
        }
    }

    /** Reads a whole public-key encoding: version 1, the scheme's format tag, the key, nothing after. */
    static DlThresholdKey readPublic(byte[] encoded, String what, String format) {
        ByteReader r = new ByteReader(encoded, what);
        int version = r.u8("version");
        if (version != 1) {
            throw r.malformed("unknown version " + version);
        }
        r.expectPrefixed(format, "format");
        DlThresholdKey key = read(r);
        r.end();
        return key;
    }

    /**
     * Reads a key strictly: valid parameters, valid points, and verification keys that lie on one
     * polynomial of degree k-1 in the exponent whose value at 0 is the public key (so a damaged or
     * forged key file is caught when loaded, not when its shares fail to combine).
     */
    static DlThresholdKey read(ByteReader r) {
        int n = r.u16("n");
        int k = r.u16("k");
        int t = r.u16("t");
        ThresholdParameters p;
        try {
            p = new ThresholdParameters(n, k, t);
        } catch (IllegalArgumentException e) {
            throw r.malformed(e.getMessage());
        }
        ECPoint y = P256.decode(r.raw(P256.POINT_BYTES, "public key"), "public key");
        List<ECPoint> vks = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            vks.add(P256.decode(r.raw(P256.POINT_BYTES, "verification key " + i), "verification key " + i));
        }
        int[] base = new int[k];
        for (int j = 0; j < k; j++) {
            base[j] = j;
        }
        ECPoint[] basePoints = vks.subList(0, k).toArray(ECPoint[]::new);
        if (!P256.sumOfMultiplies(basePoints, SHAMIR.lagrangeAtZero(base)).equals(y)) {
            throw r.malformed("the verification keys do not interpolate to the public key");
        }
        for (int i = k; i < n; i++) {
            BigInteger[] lambda = SHAMIR.lagrangeAt(BigInteger.valueOf(i + 1L), base);
            if (!P256.sumOfMultiplies(basePoints, lambda).equals(vks.get(i))) {
                throw r.malformed("verification key " + i + " is not on the sharing polynomial of the others");
            }
        }
        return new DlThresholdKey(p, y, vks);
    }

    /** The P-256 group as Feldman commitments see it. */
    static final class CommitmentGroup implements Feldman.Group<ECPoint> {
        @Override
        public BigInteger order() {
            return P256.ORDER;
        }

        @Override
        public ECPoint generatorTimes(BigInteger k) {
            return P256.mulG(k).normalize();
        }

        @Override
        public ECPoint times(ECPoint p, BigInteger k) {
            return P256.mul(p, k);
        }

        @Override
        public ECPoint add(ECPoint a, ECPoint b) {
            return a.add(b);
        }

        @Override
        public boolean equal(ECPoint a, ECPoint b) {
            return a.equals(b);
        }
    }
}
