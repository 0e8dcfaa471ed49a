/**
 * The transaction manager's replicated state machine (spec 5.3.4, the TransactionManager protocol):
 * the transaction log of Protocol 14 and the transitions of Protocols 15 (join), 17 (register a
 * resource), 18 (clients vote commit, then the resource manager groups are called to prepare),
 * 20 (their answers decide), 22 (acknowledgements) and 23 (abort by any client), with the legal
 * transitions of {@link org.maftia.tx.manager.TransactionState}. Bounded: open transactions in all
 * and per client, decided ones kept for their clients to read; a transaction open longer than
 * {@code openTicks} ticks of the group's clock is aborted.
 *
 * <p><b>Guarantees.</b> The same operations in the same order give every replica the same log,
 * the same replies and the same snapshot bytes (sorted tables, no clocks, no randomness: the tids
 * come from an HMAC of the begin's position under a seed all replicas share). A transaction
 * commits only if every client voted commit and every registered resource voted prepared; any
 * client can abort it before the resources are asked, and any resource's no aborts it. Once
 * committed or aborted, nothing changes it. A tid never issued, including a forged one, gets the
 * same answer as an unknown one; a caller not among the clients cannot vote, abort or read the
 * state; a registration from a group that is not one of its resource managers, or for a
 * client not in the transaction, is refused; a resource manager group's answer counts only when
 * t+1 of this group's members voted it alike.
 *
 * <p><b>Departures.</b> Tids are not a counter (line 2 of Protocol 14) but unguessable, since
 * knowing one admits to the transaction. Protocol 18 moves to voting at the first vote and then
 * requires begin for a vote; votes are taken in voting too. Nobody votes against a commit; a
 * client that disagrees aborts (Protocol 23). Protocol 22's end is kept as "every resource
 * acknowledged" beside the outcome, so that a client still learns whether its transaction
 * committed. The calls to resource manager groups (rm-prepare, rm-commit with its unlock,
 * rm-abort) go through the group's {@code Outcalls}, one per group; the commit replies to the
 * clients are not sent: a client reads the outcome with {@code Status}.
 */
package org.maftia.tx.manager;
