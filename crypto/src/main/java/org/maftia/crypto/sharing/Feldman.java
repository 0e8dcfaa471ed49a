package org.maftia.crypto.sharing;

import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.maftia.crypto.CryptoException;
import org.maftia.crypto.ThresholdParameters;

/**
 * Re-sharing of a Shamir-shared secret with Feldman commitments (spec 5.4.1, Reshare: "replacing
 * the degree-t sharing polynomial with a randomly chosen degree-t' polynomial that shares the same
 * secret"), here as a primitive run locally; the asynchronous membership will run the same steps
 * as a distributed protocol later.
 *
 * <p>The classical construction (Desmedt and Jajodia 1997; Wong, Wang and Wing 2002, with
 * Feldman's verifiable secret sharing, FOCS 1987): each holder j of a set S of at least k old
 * holders shares its own share s_j with a fresh random polynomial f_j of degree k'-1, f_j(0) = s_j,
 * and publishes the commitments C_{j,l} = g^{a_{j,l}} to f_j's coefficients. New holder i' gets
 * the sub-shares f_j(i'+1), checks each against the commitments (g^{f_j(i'+1)} = prod_l
 * C_{j,l}^{(i'+1)^l}) and checks that C_{j,0} is j's old verification key g^{s_j} (so j re-shared
 * its real share), then sets s'_{i'} = sum_j lambda_j s_{j -> i'} with the Lagrange coefficients
 * at 0 of the set S. Since sum_j lambda_j f_j is a degree k'-1 polynomial whose value at 0 is
 * sum_j lambda_j s_j = x, the new shares share the same secret. The new verification keys are
 * g^{s'_{i'}} = prod_l (prod_j C_{j,l}^{lambda_j})^{(i'+1)^l}, computed from the commitments alone.
 *
 * @param <P> the group elements of the commitments (a P-256 point, a BLS12-381 G2 point)
 */
public final class Feldman<P> {

    /** The group the commitments live in: prime order q, a generator, exponentiation. */
    public interface Group<P> {
        BigInteger order();

        /** g^k for the generator g. */
        P generatorTimes(BigInteger k);

        /** p^k for 0 <= k < q (k may be small: callers pass small exponents where they can). */
        P times(P p, BigInteger k);

        P add(P a, P b);

        boolean equal(P a, P b);
    }

    /** The sub-share sent to new holder {@code newHolder} could not be reconciled with contributor's commitments. */
    public static final class InvalidDealingException extends CryptoException {
        private final int contributor;

        public InvalidDealingException(int contributor, String message) {
            super("re-sharing contribution of old holder " + contributor + " is invalid: " + message);
            this.contributor = contributor;
        }

        /** The old holder whose contribution is faulty. */
        public int contributor() {
            return contributor;
        }
    }

    /**
     * One old holder's contribution: the public commitments to its polynomial and the private
     * sub-shares, element i' for new holder i' (sent over a private channel when run distributed).
     */
    public record Dealing<P>(int contributor, List<P> commitments, List<BigInteger> subShares) {
        public Dealing {
            commitments = List.copyOf(commitments);
            subShares = List.copyOf(subShares);
        }

        /** The same dealing with the sub-share for {@code newHolder} replaced (tests, fault injection). */
        public Dealing<P> withSubShare(int newHolder, BigInteger value) {
            List<BigInteger> changed = new ArrayList<>(subShares);
            changed.set(newHolder, value);
            return new Dealing<>(contributor, commitments, changed);
        }
    }

    /** The outcome for the new sharing: every new holder's share and the public verification keys. */
    public record Result<P>(ThresholdParameters parameters, List<BigInteger> shares, List<P> verificationKeys, P publicKey) {
        public Result {
            shares = List.copyOf(shares);
            verificationKeys = List.copyOf(verificationKeys);
        }
    }

    private final Group<P> group;
    private final Shamir shamir;

    public Feldman(Group<P> group) {
        this.group = group;
        this.shamir = new Shamir(group.order());
    }

    /** Old holder {@code contributor}'s dealing of its share for the new parameters. */
    public Dealing<P> deal(int contributor, BigInteger share, ThresholdParameters next, SecureRandom random) {
        BigInteger[] f = shamir.randomPolynomial(share, next.k(), random);
        List<P> commitments = new ArrayList<>(f.length);
        for (BigInteger a : f) {
            commitments.add(group.generatorTimes(a));
        }
        List<BigInteger> subShares = new ArrayList<>(next.n());
        for (int i = 0; i < next.n(); i++) {
            subShares.add(shamir.evaluate(f, BigInteger.valueOf(i + 1L)));
        }
        return new Dealing<>(contributor, commitments, subShares);
    }

    /**
     * prod_l C_l^{x^l} for x = newHolder + 1, by Horner's rule in the exponent: k'-1
     * exponentiations by the tiny x instead of k' by large powers.
     */
    public P commitmentAt(List<P> commitments, int newHolder) {
        BigInteger x = BigInteger.valueOf(newHolder + 1L);
        P acc = commitments.get(commitments.size() - 1);
        for (int l = commitments.size() - 2; l >= 0; l--) {
            acc = group.add(group.times(acc, x), commitments.get(l));
        }
        return acc;
    }

    /**
     * New holder {@code newHolder}'s checks of one dealing: shape, the old verification key, and
     * its sub-share against the commitments.
     *
     * @throws InvalidDealingException naming the contributor if anything does not match
     */
    public void verify(Dealing<P> dealing, ThresholdParameters next, P oldVerificationKey, int newHolder) {
        int j = dealing.contributor();
        if (dealing.commitments().size() != next.k()) {
            throw new InvalidDealingException(j, dealing.commitments().size() + " commitments for a polynomial of degree "
                    + (next.k() - 1));
        }
        if (dealing.subShares().size() != next.n()) {
            throw new InvalidDealingException(j, dealing.subShares().size() + " sub-shares for " + next.n() + " new holders");
        }
        if (!group.equal(dealing.commitments().get(0), oldVerificationKey)) {
            throw new InvalidDealingException(j, "its constant-term commitment is not its verification key g^{s_" + j
                    + "}: it did not re-share its own share");
        }
        BigInteger sub = dealing.subShares().get(newHolder);
        if (sub == null || sub.signum() < 0 || sub.compareTo(group.order()) >= 0) {
            throw new InvalidDealingException(j, "sub-share for new holder " + newHolder + " is not in Z_q");
        }
        if (!group.equal(group.generatorTimes(sub), commitmentAt(dealing.commitments(), newHolder))) {
            throw new InvalidDealingException(j, "sub-share for new holder " + newHolder + " does not match its commitments");
        }
    }

    /**
     * Runs the re-sharing for all new holders: checks every dealing for every new holder, combines
     * the sub-shares and derives the new verification keys.
     *
     * @param old the old parameters; the dealings must come from at least {@code old.k()} distinct old holders
     * @param oldVerificationKeys the old verification keys, by old holder index
     * @param oldPublicKey g^x, which the new sharing must keep
     */
    public Result<P> combine(ThresholdParameters old, List<P> oldVerificationKeys, P oldPublicKey, ThresholdParameters next,
            List<Dealing<P>> dealings) {
        int[] contributors = contributors(old, dealings);
        BigInteger[] lambda = shamir.lagrangeAtZero(contributors);
        BigInteger q = group.order();
        List<BigInteger> shares = new ArrayList<>(next.n());
        for (int i = 0; i < next.n(); i++) {
            BigInteger s = BigInteger.ZERO;
            for (int d = 0; d < dealings.size(); d++) {
                Dealing<P> dealing = dealings.get(d);
                verify(dealing, next, oldVerificationKeys.get(dealing.contributor()), i);
                s = s.add(lambda[d].multiply(dealing.subShares().get(i)));
            }
            shares.add(s.mod(q));
        }
        // C'_l = prod_j C_{j,l}^{lambda_j}: commitments to the new polynomial sum_j lambda_j f_j.
        List<P> combined = new ArrayList<>(next.k());
        for (int l = 0; l < next.k(); l++) {
            P c = null;
            for (int d = 0; d < dealings.size(); d++) {
                P term = group.times(dealings.get(d).commitments().get(l), lambda[d]);
                c = c == null ? term : group.add(c, term);
            }
            combined.add(c);
        }
        if (!group.equal(combined.get(0), oldPublicKey)) {
            // Cannot happen once every constant term matched its verification key and those keys are
            // consistent with the public key (checked when the key was decoded or dealt).
            throw new CryptoException("re-sharing changed the public key: the old verification keys are inconsistent");
        }
        List<P> verificationKeys = new ArrayList<>(next.n());
        for (int i = 0; i < next.n(); i++) {
            verificationKeys.add(commitmentAt(combined, i));
        }
        return new Result<>(next, shares, verificationKeys, oldPublicKey);
    }

    /** The old holders' shares that reconstruct the secret: for tests of the whole round trip. */
    public BigInteger reconstruct(Map<Integer, BigInteger> sharesByHolder) {
        int[] idx = sharesByHolder.keySet().stream().mapToInt(Integer::intValue).toArray();
        BigInteger[] values = Arrays.stream(idx).mapToObj(sharesByHolder::get).toArray(BigInteger[]::new);
        return shamir.interpolateAtZero(idx, values);
    }

    private static <P> int[] contributors(ThresholdParameters old, List<Dealing<P>> dealings) {
        Set<Integer> seen = new HashSet<>();
        int[] out = new int[dealings.size()];
        for (int d = 0; d < dealings.size(); d++) {
            int j = dealings.get(d).contributor();
            if (j < 0 || j >= old.n()) {
                throw new InvalidDealingException(j, "not a holder of the old key (0.." + (old.n() - 1) + ")");
            }
            if (!seen.add(j)) {
                throw new InvalidDealingException(j, "contributed twice");
            }
            out[d] = j;
        }
        if (out.length < old.k()) {
            throw new CryptoException("re-sharing needs contributions of at least k = " + old.k() + " old holders, got "
                    + out.length);
        }
        return out;
    }
}
