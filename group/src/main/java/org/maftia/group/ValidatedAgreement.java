package org.maftia.group;

import java.util.concurrent.CancellationException;
import org.maftia.group.abba.ValidatedAbba;
import org.maftia.group.core.WireLimits;

/**
 * Validated binary Byzantine agreement (spec 3.2, point 2; spec 5.2.1.2, ABBA with external
 * validation): all honest parties decide the same bit, and the decision comes with proof data that
 * the proposers' validator accepts for it ({@link #getProof()}). Biased towards b, the first
 * round's coin is b, so b is decided whenever the first round's main votes conflict (in
 * particular when t+1 honest parties propose b with valid proofs).
 *
 * <p>The validator comes with the proposal, so the instance starts when this party proposes; the
 * group session keeps earlier messages of this protocol id waiting until then.
 */
public class ValidatedAgreement extends Agreement {

    private final Boolean bias;
    private ValidatedAbba instance;
    private boolean aborted;

    /**
     * As in the spec, {@code ValidatedAgreement(protocolID)}: unbiased, in the group of the site
     * {@link Site#current()} resolves (the spec's constructor names no group: a site's group is
     * implied).
     */
    public ValidatedAgreement(String protocolID) {
        this(Site.current(), protocolID);
    }

    /** As in the spec, {@code ValidatedAgreement(protocolID, bias)}: biased towards {@code bias} (spec 5.2.1.2). */
    public ValidatedAgreement(String protocolID, boolean bias) {
        this(Site.current(), protocolID, bias);
    }

    /** Unbiased, in {@code groupID}, at the site {@link Site#current()} resolves. */
    public ValidatedAgreement(String protocolID, String groupID) {
        this(Site.current(), protocolID, groupID);
    }

    /** Biased towards {@code bias}, in {@code groupID}, at the site {@link Site#current()} resolves. */
    public ValidatedAgreement(String protocolID, String groupID, boolean bias) {
        this(Site.current(), protocolID, groupID, bias);
    }

    /** Unbiased, in {@code site}'s group. */
    public ValidatedAgreement(Site site, String protocolID) {
        this(site, protocolID, site.groupId(), null);
    }

    /** Biased towards {@code bias}, in {@code site}'s group. */
    public ValidatedAgreement(Site site, String protocolID, boolean bias) {
        this(site, protocolID, site.groupId(), Boolean.valueOf(bias));
    }

    public ValidatedAgreement(Site site, String protocolID, String groupID) {
        this(site, protocolID, groupID, null);
    }

    public ValidatedAgreement(Site site, String protocolID, String groupID, boolean bias) {
        this(site, protocolID, groupID, Boolean.valueOf(bias));
    }

    private ValidatedAgreement(Site site, String protocolID, String groupID, Boolean bias) {
        super(site, protocolID, groupID);
        this.bias = bias;
    }

    /** The bias, or null when unbiased. */
    public Boolean bias() {
        return bias;
    }

    @Override
    public void propose(Negotiable value) {
        if (!(value instanceof ValidatedNegotiable v)) {
            throw new IllegalArgumentException("a ValidatedAgreement negotiates a ValidatedNegotiable, not " + value);
        }
        propose(v.getValue(), v.getProof(), v.getValidator());
    }

    /** Proposes {@code value} with its proof. @throws IllegalArgumentException if the proof does not validate it */
    public synchronized void propose(boolean value, byte[] proof, BinaryValidator validator) {
        if (validator == null || proof == null || !validator.isValid(value, proof)) {
            throw new IllegalArgumentException("the proof does not validate " + value + " (spec 3.2: a proposal must be well-formed)");
        }
        if (proof.length > WireLimits.proofBytes(site.n())) {
            throw new IllegalArgumentException("a proof of " + proof.length + " bytes, over the limit of "
                    + WireLimits.proofBytes(site.n()));
        }
        if (instance != null || aborted) {
            throw new IllegalStateException("agreement " + protocolID + (aborted ? " was aborted" : " already has a proposal"));
        }
        ValidatedAbba[] self = new ValidatedAbba[1];
        self[0] = new ValidatedAbba(protocolID, site.groupKeys(), new ValidatedAbba.Validation(validator::isValid, bias),
                b -> decided.complete(new ValidatedNegotiable(b, self[0].decisionProof(), validator)));
        ValidatedAbba abba = self[0];
        instance = abba;
        byte[] own = proof.clone();
        site.start(abba);
        site.onProtocolThread(() -> abba.propose(value, own));
    }

    /** Proposes and waits for the decision. @throws CancellationException if aborted */
    public boolean negotiate(boolean value, byte[] proof, BinaryValidator validator) {
        return ((ValidatedNegotiable) negotiate(new ValidatedNegotiable(value, proof, validator))).getValue();
    }

    /** The decision. @throws IllegalStateException before it (check {@link #canDecide()}) */
    public boolean decision() {
        return ((ValidatedNegotiable) decisionNegotiable()).getValue();
    }

    /** The proof data that validates the decision (spec 5.2.1.2). @throws IllegalStateException before it */
    public byte[] getProof() {
        return ((ValidatedNegotiable) decisionNegotiable()).getProof();
    }

    @Override
    public synchronized void abort() {
        aborted = true;
        ValidatedAbba abba = instance;
        if (abba != null) {
            site.onProtocolThread(abba::abort);
        }
        decided.completeExceptionally(new CancellationException("agreement " + protocolID + " aborted"));
    }
}
