package org.maftia.tx.client;

/** The group said to try again (a lock held by another transaction, a registration under way) more times than the retry policy allows; the caller should abort the transaction, which releases its locks. */
public final class RetriesExhaustedException extends TransactionException {

    public RetriesExhaustedException(String message) {
        super(message);
    }
}
