/**
 * Transactions (spec 3.3.4, 5.3.4-5.3.5): the replicated state machines of the transaction
 * manager ({@code org.maftia.tx.manager}), the resource manager ({@code org.maftia.tx.resource})
 * and the locking manager ({@code org.maftia.tx.lock}), each a deterministic
 * {@link org.maftia.replication.ReplicatedService} a group runs; {@link org.maftia.tx.TransactionId}
 * and {@link org.maftia.tx.Reply} are what their callers see.
 *
 * <p><b>Not yet here.</b>
 * <ul>
 * <li>The two-phase commit across groups: the transaction manager group calling the resource
 *     manager groups (rm-prepare, rm-commit, rm-abort) and these registering with it (Protocol 16
 *     lines 9-18, which also makes a resource manager check a tid before granting a lock), over
 *     {@code org.maftia.replication.GroupCaller}; the states those calls act on are here.</li>
 * <li>The client API of 3.3.4 ({@code TransactionManager}, {@code ResourceManager} with
 *     {@code setLock}, {@code unLock}, {@code getStatus}) and the Appia events of Tables 3.1-3.2.</li>
 * <li>A bound on the transaction log: decided transactions stay in it.</li>
 * </ul>
 * Recovery (Protocol 25) needs nothing of its own: the replication layer's state transfer carries
 * each service's snapshot (the log, the locks, the resources' states).
 */
package org.maftia.tx;
