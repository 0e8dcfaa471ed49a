package org.maftia.tx.client;

/** The group refused the operation for good (the spec's notOk): an unknown tid, a client not in the transaction, a refused method. */
public final class TransactionRefusedException extends TransactionException {

    public TransactionRefusedException(String message) {
        super(message);
    }
}
