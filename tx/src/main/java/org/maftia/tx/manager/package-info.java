/**
 * The transaction manager's replicated state machine (spec 5.3.4, the TransactionManager protocol):
 * the transaction log of Protocol 14 and the transitions of Protocols 15 (join), 17 (register a
 * resource), 18 (clients vote commit), 20 (resources vote prepared), 22 (acknowledgements) and 23
 * (abort by any client), with the legal transitions of {@link org.maftia.tx.manager.TransactionState}.
 *
 * <p><b>Guarantees.</b> The same operations in the same order give every replica the same log,
 * the same replies and the same snapshot bytes (sorted tables, no clocks, no randomness: the tids
 * come from an HMAC of the begin's position under a seed all replicas share). A transaction
 * commits only if every client voted commit and every registered resource voted prepared; any
 * client can abort it before the resources are asked, and any resource's no aborts it. Once
 * committed or aborted, nothing changes it. A tid never issued, including a forged one, gets the
 * same answer as an unknown one; a caller not among the clients cannot vote, abort or read the
 * state; a prepare vote or acknowledgement from a group that did not register the resource is
 * refused.
 *
 * <p><b>Departures.</b> Tids are not a counter (line 2 of Protocol 14) but unguessable, since
 * knowing one admits to the transaction. Protocol 18 moves to voting at the first vote and then
 * requires begin for a vote; votes are taken in voting too. Nobody votes against a commit; a
 * client that disagrees aborts (Protocol 23). Protocol 22's end is kept as "every resource
 * acknowledged" beside the outcome, so that a client still learns whether its transaction
 * committed. The messages the protocols send on (rm-prepare, rm-commit, rm-abort, commit
 * replies to the other clients) are not sent here: the reply names the state reached, and a
 * client that did not cast the deciding vote asks with {@code Status}.
 */
package org.maftia.tx.manager;
