package org.maftia.tx.client;

import org.maftia.tx.TransactionId;

/**
 * The spec's static form (3.3.4.2: {@code Transaction myTid = TransactionManager.begin();}): one
 * transaction manager per process, set once with {@link #use}, and static methods over it. A
 * process that needs more than one, or tests, use {@link TransactionManager} instances.
 */
public final class Transactions {

    private static volatile TransactionManager manager;

    private Transactions() {
    }

    /** Sets the process-wide transaction manager. */
    public static void use(TransactionManager processWide) {
        manager = processWide;
    }

    public static TransactionId begin() {
        return manager().begin();
    }

    public static void commit(TransactionId tid) {
        manager().commit(tid);
    }

    public static void abort(TransactionId tid) {
        manager().abort(tid);
    }

    public static TransactionManager manager() {
        TransactionManager m = manager;
        if (m == null) {
            throw new IllegalStateException("no process-wide transaction manager: call Transactions.use(manager) first");
        }
        return m;
    }
}
