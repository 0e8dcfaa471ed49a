/**
 * Transactions (spec 3.3, 5.3.4-5.3.6): the transaction manager ({@code org.maftia.tx.manager}),
 * the resource manager ({@code org.maftia.tx.resource}) and the locking manager
 * ({@code org.maftia.tx.lock}), each a deterministic {@link org.maftia.replication.ReplicatedService}
 * a replicated group runs; the client API of 3.3.4 ({@code org.maftia.tx.client}); a site of such a
 * group ({@code org.maftia.tx.site}); and the replicated bank built on them ({@code org.maftia.tx.bank}).
 *
 * <p><b>How a transaction runs.</b> A client begins at the transaction manager group (TM) and
 * gets an unguessable tid. Its first invocation of a resource at a resource manager group (RM)
 * makes the RM group call the TM group to register the resource for that client (Protocol 16
 * lines 7-18); the client is told to retry, and its next try, once t+1 RM members voted the TM's
 * answer into the RM's order, invokes the method under a lock (Protocol 24), on a tentative state.
 * The client commits at the TM; when every client of the transaction voted commit, the TM group
 * calls each registered RM group to prepare (18-19), decides on their answers (20), calls them to
 * commit or abort and release the locks (20-21), and counts their acknowledgements (22); the
 * client's commit returns when all acknowledged, so what it reads next includes its transfer.
 * Calls between groups and their replies go through {@code org.maftia.replication.outcall}: a call
 * executes at the callee when t+1 caller members asked alike, and its reply acts in the caller's
 * order when t+1 members voted it alike, so no corrupted replica alone makes or answers a call.
 *
 * <p><b>Against deadlock and vanished clients.</b> Lock requests never wait in a group (a conflict
 * is notOk, retry); the client library retries with back-off and jitter and gives up after a
 * bound, then aborts, which releases its locks. A client that vanishes holds nothing forever: a
 * transaction open longer than {@code TmSettings.openTicks} ticks of the TM group's clock is
 * aborted there, and an RM aborts on its own a transaction that holds locks unprepared longer than
 * {@code RmSettings.lockTicks} (the clock ticks when t+1 members say a period passed).
 *
 * <p><b>Departures.</b> The spec's tid is a counter; here it is an HMAC of the begin's position,
 * unguessable. A registration also asks the TM whether the invoking client is one of the
 * transaction's, so a tid is a capability at the RMs too. Replies cannot wait in a replicated
 * state machine: "wait for tm-register-reply" (Protocol 16 line 11) is the client's retry, and
 * the commit's outcome is read with {@code Status}. Prepare, commit and abort are per RM group
 * for all of the transaction's resources there (one call each, not one per resource), and
 * rm-commit and unlock (Protocol 20 lines 18-19) travel as one call. Recovery (Protocol 25) is the
 * replication layer's state transfer of each service's snapshot (log, locks, registrations,
 * resources, calls); {@code initRecovery} is restarting the site. The Appia events of Tables 3.1
 * and 3.2 are not separate classes: the operations ({@code TmOperation}, {@code RmOperation})
 * carry the same requests over the replicated service's channel.
 */
package org.maftia.tx;
