package org.maftia.tx.client;

import org.maftia.tx.TransactionId;
import org.maftia.tx.manager.TransactionState;

/**
 * The transaction manager as a client uses it (spec 3.3.4.2), every method blocking until the
 * replicated group answered. The spec's {@code static begin()} is {@link Transactions#begin()},
 * over a manager set once per process; this instance form is the one to use where a process talks
 * to more than one transaction manager group, and in tests.
 *
 * <p>A tid is a capability: unguessable, and only the client that began a transaction and those
 * that joined it may act on it; to anyone else it is unknown.
 */
public interface TransactionManager {

    /** Protocol 14: a new transaction, with this client as its one client. */
    TransactionId begin();

    /** Protocol 15: this client joins the transaction (it must still be open: nobody voted commit yet). */
    TransactionId join(TransactionId tid);

    /**
     * Protocols 18-22: this client votes commit, and waits for the outcome. Returns when the
     * transaction committed.
     *
     * @throws TransactionAbortedException if it aborted (a resource voted no, a client aborted, or
     *     it stayed open too long)
     * @throws TransactionRefusedException if the tid is not this client's, or no longer open to votes
     */
    void commit(TransactionId tid);

    /** Protocol 23: aborts the transaction while it is open. */
    void abort(TransactionId tid);

    /**
     * Has the resource manager group register {@code oid} with the transaction now, as it does at
     * the first invocation (Protocol 16 lines 7-18): a resource registered takes part in the
     * commit, so the transaction commits only if it can.
     */
    void registerResource(TransactionId tid, String oid, ResourceManager manager);

    /** The transaction's state, as its clients see it. */
    TransactionState status(TransactionId tid);

    /** The transaction manager group in figures (getStatus): its clock and transactions by state. */
    String getStatus();
}
