package org.maftia.tx.client;

/** The transaction aborted: a resource voted no, a client aborted it, or it stayed open longer than its bound. */
public final class TransactionAbortedException extends TransactionException {

    public TransactionAbortedException(String message) {
        super(message);
    }
}
