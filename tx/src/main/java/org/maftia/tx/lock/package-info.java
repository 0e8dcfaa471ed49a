/**
 * The Locking Manager (spec 5.3.5, Protocol 24): one writer or many readers per resource, strict
 * two-phase locking (3.3.4: a transaction's locks are released together, at its commit or abort).
 *
 * <p>A request is granted at once or refused (notOk): nothing waits, since a replica never blocks
 * and the spec leaves deadlock to timeouts. The table: no lock, granted; a read where readers hold
 * the resource, granted and shared; a write where the requester is the only reader, promoted
 * (line 16, which asks only for one holder: here it must be the requester, or another
 * transaction's read lock would turn into the requester's write lock); a write lock is exclusive
 * to its holder, who gets any lock again; everything else is notOk. Unlock by a transaction that
 * holds no lock there is notOk (line 26).
 *
 * <p>Departures: Protocol 24 records a holder only for the first lock (line 5); here every reader
 * sharing a read lock is a holder, so that releasing one reader keeps the lock for the others and
 * promotion can tell whether the requester is alone.
 */
package org.maftia.tx.lock;
