/**
 * The resource manager's replicated state machine (spec 5.3.4, the ResourceManager protocol:
 * Protocols 16, 19 and 21) over {@link org.maftia.tx.resource.Resource}s (spec 3.3.4.1: save,
 * prepare, commit, abort), with the locks of Protocol 24 ({@code org.maftia.tx.lock}); an
 * {@link org.maftia.tx.resource.Account} is the example resource.
 *
 * <p><b>Guarantees.</b> A method runs only under its transaction's lock (read for reads, write for
 * writes), on a tentative state saved at the transaction's first write of the resource; a
 * conflicting request is notOk at once and changes nothing. Prepare votes yes only for a
 * transaction that did something here and had nothing refused; commit (of a prepared
 * transaction only) makes its tentative states permanent, abort drops them; both release all
 * its locks. Only the transaction manager group prepares, commits and aborts. Snapshots are
 * deterministic: two replicas fed the same operations give the same bytes.
 *
 * <p><b>Departures and limits.</b> The spec keeps a state per resource (non-transactional,
 * transactional, prepare); here it is per transaction, which says the same with several
 * transactions reading one resource. Registration with the transaction manager (Protocol 16
 * lines 9-18) is not done yet: until it is, a tid is not checked here, and any caller can take
 * locks under a made-up tid (they stay until an abort of that tid).
 */
package org.maftia.tx.resource;
