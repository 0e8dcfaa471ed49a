package org.maftia.group;

import java.util.concurrent.CancellationException;
import org.maftia.group.vba.Vba;

/**
 * Validated multi-valued Byzantine agreement (spec 3.2, point 3; Protocol 4, VBA): every party
 * proposes a byte array its validator accepts; all honest parties decide the same array, and the
 * validator accepts it.
 *
 * <p>The validator comes with the proposal, so the instance starts when this party proposes; the
 * group session keeps earlier messages of this protocol id waiting until then. A decided instance
 * keeps answering slower parties until {@link #abort()} frees it.
 */
public class ArrayAgreement extends Agreement {

    private Vba instance;
    private boolean aborted;

    /** As in the spec: at the site {@link Site#current()} resolves. */
    public ArrayAgreement(String protocolID, String groupID) {
        this(Site.current(), protocolID, groupID);
    }

    public ArrayAgreement(Site site, String protocolID, String groupID) {
        super(site, protocolID, groupID);
    }

    @Override
    public void propose(Negotiable value) {
        if (!(value instanceof ArrayNegotiable a)) {
            throw new IllegalArgumentException("an ArrayAgreement negotiates an ArrayNegotiable, not " + value);
        }
        propose(a.getValue(), a.getValidator());
    }

    /** Proposes {@code value}. @throws IllegalArgumentException if the validator refuses it */
    public synchronized void propose(byte[] value, ArrayValidator validator) {
        if (validator == null || value == null || !validator.isValid(value)) {
            throw new IllegalArgumentException("the validator refuses the proposal (spec 3.2: a proposal must be well-formed)");
        }
        if (instance != null || aborted) {
            throw new IllegalStateException("agreement " + protocolID + (aborted ? " was aborted" : " already has a proposal"));
        }
        Vba vba = new Vba(protocolID, site.groupKeys(), validator::isValid, w -> decided.complete(new ArrayNegotiable(w, validator)));
        instance = vba;
        byte[] own = value.clone();
        site.start(vba);
        site.onProtocolThread(() -> vba.propose(own));
    }

    /** Proposes and waits for the decision. @throws CancellationException if aborted */
    public byte[] negotiate(byte[] value, ArrayValidator validator) {
        return ((ArrayNegotiable) negotiate(new ArrayNegotiable(value, validator))).getValue();
    }

    /** The decision. @throws IllegalStateException before it (check {@link #canDecide()}) */
    public byte[] decision() {
        return ((ArrayNegotiable) decisionNegotiable()).getValue();
    }

    @Override
    public synchronized void abort() {
        aborted = true;
        Vba vba = instance;
        if (vba != null) {
            site.onProtocolThread(vba::abort);
        }
        decided.completeExceptionally(new CancellationException("agreement " + protocolID + " aborted"));
    }
}
