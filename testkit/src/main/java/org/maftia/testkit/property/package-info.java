/**
 * Checkers of what the specification promises (spec 5.2.1), over what a test recorded of a run:
 * {@link org.maftia.testkit.property.DeliveryLog} holds each honest site's decisions or
 * deliveries in order; {@link org.maftia.testkit.property.Agreement},
 * {@link org.maftia.testkit.property.Validity}, {@link org.maftia.testkit.property.Integrity},
 * {@link org.maftia.testkit.property.TotalOrder} and {@link org.maftia.testkit.property.Termination}
 * check a log; {@link org.maftia.testkit.property.CausalSecrecy} records and checks when shares and
 * cleartexts of secure causal atomic broadcast leave a site.
 *
 * <p>For the transaction service (spec 3.3.1, 3.3.3.2), a
 * {@link org.maftia.testkit.property.TransactionHistory} holds what clients did: per transaction,
 * its reads and writes of named objects (long values) in order, and whether it committed, aborted
 * or its client never learned. Against the replicas' final committed values,
 * {@link org.maftia.testkit.property.Serializability} checks isolation (the committed transactions
 * read only committed values, repeatably, and their ww, wr and rw conflicts form no cycle, so they
 * appear to run serially, as strict two-phase locking ensures);
 * {@link org.maftia.testkit.property.Atomicity} checks that the final state is exactly what the
 * committed transactions' last writes leave in that order; and
 * {@link org.maftia.testkit.property.Conservation} that a bank's balances still sum to what they
 * did. The checkers trace versions through values, and assume:
 * <ul>
 *   <li>every value written to an object by one transaction is written to it by no other and is
 *       not its initial value (a transaction may repeat its own), so a value names the write it
 *       came from; a history breaking this is refused with an {@link IllegalArgumentException};
 *   <li>a transaction that writes an object reads it first (read-modify-write, as a transfer
 *       does), so each committed write's version follows the one it read; an object may have up to
 *       two blind writers, ordered after the versions from the initial value, the one leaving the
 *       final value last;
 *   <li>a transaction of unknown outcome committed if all its writes show (as a final value or in
 *       a committed transaction's read) and did not if none does; some but not all showing is an
 *       atomicity violation; a read-only one leaves no trace and is taken as not committed.
 * </ul>
 *
 * <p>A failed check throws a {@link org.maftia.testkit.property.PropertyViolation} naming the
 * property, the honest sites, and the values they delivered (for transactions: the transactions,
 * objects and values involved, and one cycle of conflicts); run under
 * {@link org.maftia.testkit.sim.Seeds}, the failure also names the seed that replays the run.
 */
package org.maftia.testkit.property;
