package org.maftia.tx.client;

/** A transaction operation did not succeed; the message says why, as the replicated group decided it. */
public class TransactionException extends RuntimeException {

    public TransactionException(String message) {
        super(message);
    }

    public TransactionException(String message, Throwable cause) {
        super(message, cause);
    }
}
