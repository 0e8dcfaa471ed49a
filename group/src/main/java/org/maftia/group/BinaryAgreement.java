package org.maftia.group;

import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import org.maftia.group.abba.Abba;

/**
 * Binary Byzantine agreement (spec 3.2; Protocol 3, ABBA): all honest parties decide the same
 * bit, the bit all honest parties proposed if they agree, and they decide with probability 1.
 */
public class BinaryAgreement extends Agreement {

    private final Abba instance;

    /** As in the spec: at the site {@link Site#current()} resolves. */
    public BinaryAgreement(String protocolID, String groupID) {
        this(Site.current(), protocolID, groupID);
    }

    public BinaryAgreement(Site site, String protocolID, String groupID) {
        super(site, protocolID, groupID);
        this.instance = new Abba(protocolID, site.groupKeys(), b -> decided.complete(new BinaryNegotiable(b)));
        site.start(instance);
    }

    @Override
    public void propose(Negotiable value) {
        if (!(value instanceof BinaryNegotiable b)) {
            throw new IllegalArgumentException("a BinaryAgreement negotiates a BinaryNegotiable, not " + value);
        }
        propose(b.getValue());
    }

    public void propose(boolean value) {
        site.onProtocolThread(() -> instance.propose(value));
    }

    /** Proposes {@code value} and waits for the decision. @throws CancellationException if aborted */
    public boolean negotiate(boolean value) {
        return ((BinaryNegotiable) negotiate(new BinaryNegotiable(value))).getValue();
    }

    /** The decision. @throws IllegalStateException before it (check {@link #canDecide()}) */
    public boolean decision() {
        return ((BinaryNegotiable) decisionNegotiable()).getValue();
    }

    /** Completes with the decided bit. */
    public CompletableFuture<Boolean> decisionBit() {
        return decided.thenApply(n -> ((BinaryNegotiable) n).getValue());
    }

    @Override
    public void abort() {
        site.onProtocolThread(instance::abort);
        decided.completeExceptionally(new CancellationException("agreement " + protocolID + " aborted"));
    }
}
