/**
 * Consistent and verifiable consistent broadcast: spec 5.2.1.5, Protocol 6 (VCBC), behind the API
 * classes {@code ConsistentBroadcast} and {@code VerifiableConsistentBroadcast} of spec 3.2.
 *
 * <p>Guarantees (n > 3t): honest parties that deliver, deliver the same payload; an honest
 * sender's payload is delivered by all honest parties; each party delivers at most once. The
 * closing (m, µ) of a delivered instance lets any party check it with the public key and deliver.
 *
 * <p>Messages (codes in {@code MessageTypes}): send(m); ready(H(m), share of S on the tag
 * (j, ready, H(m))), to the sender only; final(H(m), µ); request(); answer(m, µ), whose body is the
 * closing; and, not in Protocol 6, fetch(d) and fetched(m), with which a party given a compact
 * closing (H(m), µ) gets the payload it binds (as RBC does, Protocol 5, lines 20-27). Deviations
 * from the pseudo-code: a valid final that overtakes the send (links here reorder) is kept until
 * the send arrives, as only one hash can carry a valid µ; an instance may be given a validity
 * condition, and then signs only payloads that meet it (VBA's predicate Q).
 */
package org.maftia.group.vcbc;
