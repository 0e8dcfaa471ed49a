package org.maftia.group;

import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;

/**
 * What every agreement protocol has (spec 3.2, class Agreement): each party proposes a value;
 * all honest parties that decide, decide the same; if all honest parties propose the same value,
 * that is the decision. {@link #negotiate} blocks; {@link #propose} with {@link #canDecide} and
 * {@link #decisionNegotiable} does not, nor does the future of {@link #decisionFuture()}.
 */
public abstract class Agreement extends Protocol {

    protected final CompletableFuture<Negotiable> decided = new CompletableFuture<>();

    protected Agreement(Site site, String protocolID, String groupID) {
        super(site, protocolID, groupID);
    }

    /** Proposes {@code value} and waits for the decision. @throws CancellationException if aborted */
    public Negotiable negotiate(Negotiable value) {
        propose(value);
        return await(decided, "the agreement");
    }

    /** Proposes {@code value} and returns at once. */
    public abstract void propose(Negotiable value);

    public boolean canDecide() {
        return decided.isDone() && !decided.isCompletedExceptionally();
    }

    /** The decision. @throws IllegalStateException before it (check {@link #canDecide()}) */
    public Negotiable decisionNegotiable() {
        if (!canDecide()) {
            throw new IllegalStateException("agreement " + protocolID + " has not decided: check canDecide() first");
        }
        return decided.join();
    }

    /** Completes with the decision. */
    public CompletableFuture<Negotiable> decisionFuture() {
        return decided;
    }
}
