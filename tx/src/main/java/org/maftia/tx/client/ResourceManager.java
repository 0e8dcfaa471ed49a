package org.maftia.tx.client;

import org.maftia.tx.TransactionId;
import org.maftia.tx.lock.LockMode;

/**
 * A resource manager group as a client uses it (spec 3.3.4.1), every method blocking until the
 * replicated group answered. The spec's interface also lists {@code prepare}, {@code commit},
 * {@code abort} and {@code unLock}: the transaction manager group calls those on the resource
 * manager group (the resource manager refuses them from anyone else), so they are not a client's.
 *
 * <p>A request that meets a lock held by another transaction, or that waits for the resource's
 * registration with the transaction manager, is tried again with back-off; after the policy's
 * last try it fails with {@link RetriesExhaustedException}, and the caller should abort.
 */
public interface ResourceManager {

    /**
     * Protocol 16: invokes {@code method} of resource {@code oid} with {@code args} within the
     * transaction; returns the method's value.
     *
     * @throws TransactionRefusedException if the resource, the method or the arguments are refused
     *     (the transaction then cannot commit), or the tid is not this client's
     */
    String invoke(TransactionId tid, String oid, String method, String... args);

    /** Protocol 24: a lock on {@code oid} for the transaction, ahead of the invocations that need it. */
    void setLock(TransactionId tid, String oid, LockMode mode);

    /** Registers {@code oid} with the transaction (what {@link TransactionManager#registerResource} asks). */
    void enlist(TransactionId tid, String oid);

    /** The resource manager group in figures (getStatus). */
    String getStatus();
}
