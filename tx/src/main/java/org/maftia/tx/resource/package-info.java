/**
 * The resource manager's replicated state machine (spec 5.3.4, the ResourceManager protocol:
 * Protocols 16, 19 and 21) over {@link org.maftia.tx.resource.Resource}s (spec 3.3.4.1: save,
 * prepare, commit, abort), with the locks of Protocol 24 ({@code org.maftia.tx.lock}); an
 * {@link org.maftia.tx.resource.Account} is the example resource.
 *
 * <p><b>Guarantees.</b> A method runs only under its transaction's lock (read for reads, write for
 * writes), on a tentative state saved at the transaction's first write of the resource; a
 * conflicting request is notOk (retry) at once and changes nothing. A client acts on a tid only
 * once the transaction manager confirmed, through a registration, that it is one of the tid's
 * clients; a tid unknown there is refused for good. Prepare votes yes only for a
 * transaction that did something here and had nothing refused; commit (of a prepared
 * transaction only) makes its tentative states permanent, abort drops them; both release all
 * its locks. Only the transaction manager group prepares, commits, aborts and unlocks. A
 * transaction holding locks unprepared for longer than {@code lockTicks} is aborted here. Snapshots are
 * deterministic: two replicas fed the same operations give the same bytes.
 *
 * <p><b>Departures and limits.</b> The spec keeps a state per resource (non-transactional,
 * transactional, prepare); here it is per transaction, which says the same with several
 * transactions reading one resource. Registration (Protocol 16 lines 9-18) is per resource and
 * client, and its wait is the client's retry. Unlock (Protocol 24 lines 24-31) releases only a
 * lock on a resource the transaction did not write: strict two-phase locking holds a written
 * resource's lock until commit or abort.
 */
package org.maftia.tx.resource;
