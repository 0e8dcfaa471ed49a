package org.maftia.tx.client;

/** The transaction's outcome could not be learnt within the policy's bound (its groups unreachable); it may have committed or aborted. */
public final class OutcomeUnknownException extends TransactionException {

    public OutcomeUnknownException(String message) {
        super(message);
    }
}
