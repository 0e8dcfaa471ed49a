package org.maftia.crypto.dl;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.bouncycastle.math.ec.ECPoint;
import org.maftia.crypto.codec.ByteReader;
import org.maftia.crypto.codec.ByteWriter;

/**
 * Non-interactive Chaum-Pedersen proofs that log_g(u) = log_h(v) in P-256, made non-interactive
 * with Fiat-Shamir: the prover with x picks r, sends the commitments a1 = g^r, a2 = h^r and the
 * response z = r + c x, where the challenge c hashes a domain tag, the caller's context and
 * (g, h, u, v, a1, a2) with {@code expand_message_xmd} (SHA-256) to 48 bytes reduced mod q. The
 * verifier checks g^z = a1 u^c and h^z = a2 v^c.
 *
 * <p>Proofs carry the commitments (a1, a2, z: 98 bytes) rather than the shorter (c, z), because
 * only the commitment form can be verified in a batch (see {@link #verifyBatch}).
 *
 * <p>Convention here: g and u are long-lived (generator and a holder's verification key, whose
 * comb tables are cached on their instances); h and v change with each use (the coin's g~, a
 * ciphertext's u and the holder's share).
 */
public final class Dleq {

    public static final int PROOF_BYTES = 2 * P256.POINT_BYTES + P256.SCALAR_BYTES;

    private static final byte[] CHALLENGE_TAG = "MAFTIA-V1-DLEQ-CHALLENGE-P256-SHA256".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] NONCE_TAG = "MAFTIA-V1-DLEQ-NONCE-P256-SHA256".getBytes(StandardCharsets.US_ASCII);
    private static final int BATCH_EXPONENT_BITS = 128;

    private Dleq() {
    }

    /** The claim log_g(u) = log_h(v). */
    public record Statement(ECPoint g, ECPoint u, ECPoint h, ECPoint v) {
    }

    /** A proof (a1, a2, z). */
    public record Proof(ECPoint a1, ECPoint a2, BigInteger z) {

        public byte[] encode() {
            return new ByteWriter().raw(P256.encode(a1)).raw(P256.encode(a2)).raw(P256.encodeScalar(z)).toByteArray();
        }

        /** Reads a proof from {@code reader}, strictly. */
        public static Proof read(ByteReader reader) {
            ECPoint a1 = P256.decode(reader.raw(P256.POINT_BYTES, "proof commitment a1"), "proof commitment a1");
            ECPoint a2 = P256.decode(reader.raw(P256.POINT_BYTES, "proof commitment a2"), "proof commitment a2");
            BigInteger z = P256.decodeScalar(reader.raw(P256.SCALAR_BYTES, "proof response z"), "proof response z");
            return new Proof(a1, a2, z);
        }
    }

    /**
     * Proves log_g(u) = log_h(v) = x. The nonce is hedged: it hashes x, the statement, the context
     * and fresh randomness, so neither a weak random generator alone nor a repeated one leaks x.
     */
    public static Proof prove(Statement s, BigInteger x, byte[] context, SecureRandom random) {
        byte[] fresh = new byte[32];
        random.nextBytes(fresh);
        byte[] seed = new ByteWriter().raw(P256.encodeScalar(x.mod(P256.ORDER))).raw(fresh).prefixed(context)
                .raw(statementBytes(s)).toByteArray();
        BigInteger r = P256.scalarFromWideBytes(HashToCurve.expandMessageXmd(seed, NONCE_TAG, 48));
        ECPoint a1 = P256.mulFixed(s.g(), r).normalize();
        ECPoint a2 = P256.mul(s.h(), r).normalize();
        BigInteger c = challenge(s, a1, a2, context);
        BigInteger z = r.add(c.multiply(x)).mod(P256.ORDER);
        return new Proof(a1, a2, z);
    }

    /** True iff the proof verifies for the statement and context. */
    public static boolean verify(Statement s, Proof p, byte[] context) {
        BigInteger c = challenge(s, p.a1(), p.a2(), context);
        ECPoint lhs1 = P256.mulFixed(s.g(), p.z());
        ECPoint rhs1 = p.a1().add(P256.mulFixed(s.u(), c));
        if (!lhs1.equals(rhs1)) {
            return false;
        }
        ECPoint check2 = P256.sumOfMultiplies(new ECPoint[] {s.h(), s.v()}, new BigInteger[] {p.z(), P256.ORDER.subtract(c)});
        return check2.equals(p.a2());
    }

    /**
     * Verifies many proofs at once by a random linear combination; true iff (except with
     * probability at most 2^-128 over this method's coins) every proof verifies.
     *
     * <p>Soundness (the small-exponent test of Bellare, Garay and Rabin, Eurocrypt 1998): each
     * proof i is valid iff X_i = g^{z_i} a1_i^{-1} u_i^{-c_i} and Y_i = h_i^{z_i} a2_i^{-1}
     * v_i^{-c_i} are both the identity. After all proofs are fixed, we draw independent uniform
     * rho_i, sigma_i in [1, 2^128) and check that the product of X_i^{rho_i} Y_i^{sigma_i} is the
     * identity. P-256 has prime order q > 2^128 and every point was decoded into the group, so if
     * some X_j is not the identity then, for any fixed values of all the other exponents, at most one
     * value of rho_j mod q makes the product the identity: the check passes with probability at
     * most 2^-128. The challenges c_i are computed from each proof as in {@link #verify}, so a batch
     * accepts exactly the proofs that would pass one by one, up to that error.
     *
     * <p>Cost: one multi-exponentiation with one term per distinct g and h plus four per proof
     * (two with 128-bit exponents), instead of about four full exponentiations per proof.
     */
    public static boolean verifyBatch(List<Statement> statements, List<Proof> proofs, List<byte[]> contexts, SecureRandom random) {
        int count = statements.size();
        if (proofs.size() != count || contexts.size() != count) {
            throw new IllegalArgumentException("batch verification needs one proof and one context per statement");
        }
        if (count == 0) {
            return true;
        }
        if (count == 1) {
            return verify(statements.get(0), proofs.get(0), contexts.get(0));
        }
        // Bases that repeat (g in every proof, the coin's g~ or a ciphertext's u) are merged.
        Map<ECPoint, BigInteger> merged = new IdentityHashMap<>();
        List<ECPoint> points = new ArrayList<>();
        List<BigInteger> scalars = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Statement s = statements.get(i);
            Proof p = proofs.get(i);
            BigInteger c = challenge(s, p.a1(), p.a2(), contexts.get(i));
            BigInteger rho = nonZero(random);
            BigInteger sigma = nonZero(random);
            merged.merge(s.g(), rho.multiply(p.z()), BigInteger::add);
            merged.merge(s.h(), sigma.multiply(p.z()), BigInteger::add);
            // The subtracted terms use negated points so that rho and sigma stay 128-bit exponents.
            points.add(p.a1().negate());
            scalars.add(rho);
            points.add(s.u().negate());
            scalars.add(rho.multiply(c).mod(P256.ORDER));
            points.add(p.a2().negate());
            scalars.add(sigma);
            points.add(s.v().negate());
            scalars.add(sigma.multiply(c).mod(P256.ORDER));
        }
        for (Map.Entry<ECPoint, BigInteger> e : merged.entrySet()) {
            points.add(e.getKey());
            scalars.add(e.getValue().mod(P256.ORDER));
        }
        ECPoint sum = P256.sumOfMultiplies(points.toArray(ECPoint[]::new), scalars.toArray(BigInteger[]::new));
        return sum.isInfinity();
    }

    static BigInteger challenge(Statement s, ECPoint a1, ECPoint a2, byte[] context) {
        byte[] input = new ByteWriter().prefixed(context).raw(statementBytes(s)).raw(P256.encode(a1)).raw(P256.encode(a2))
                .toByteArray();
        return P256.scalarFromWideBytes(HashToCurve.expandMessageXmd(input, CHALLENGE_TAG, 48));
    }

    private static byte[] statementBytes(Statement s) {
        return new ByteWriter().raw(P256.encode(s.g())).raw(P256.encode(s.u())).raw(P256.encode(s.h())).raw(P256.encode(s.v()))
                .toByteArray();
    }

    private static BigInteger nonZero(SecureRandom random) {
        BigInteger r;
        do {
            r = new BigInteger(BATCH_EXPONENT_BITS, random);
        } while (r.signum() == 0);
        return r;
    }
}
