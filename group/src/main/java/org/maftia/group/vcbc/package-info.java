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
 * closing. Deviation from the pseudo-code: a valid final that overtakes the send (links here
 * reorder) is kept until the send arrives; only one hash can carry a valid µ.
 */
package org.maftia.group.vcbc;
