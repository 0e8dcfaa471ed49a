/**
 * Reliable broadcast: spec 5.2.1.4, Protocol 5 (RBC, after Bracha, with hashes), behind the API
 * class {@code ReliableBroadcast} of spec 3.2 and each message of a {@code ReliableStream}.
 *
 * <p>Guarantees (n &gt; 3t): all honest parties deliver the same payload or none does (agreement
 * and totality); if the sender is honest, all honest parties deliver its payload (validity); each
 * party delivers at most once.
 *
 * <p>Messages (codes in {@code MessageTypes}): send(m), from the declared sender only; echo(H(m));
 * ready(H(m)); request(); answer(m). The payload travels once; echoes and readies carry its hash.
 * A party that must deliver a payload it never received asks P_1..P_2t+1 for it (lines 20-21);
 * at least one of them is an honest party that echoed, and holds it.
 *
 * <p>Departures from the pseudo-code: links reorder here, so a send that arrives after 2t+1
 * readies for its hash delivers at once, without waiting for an answer (parties that finished
 * their instance no longer answer); a party sends at most one ready per instance, which loses
 * nothing since only one hash can gather n-t echoes from honest parties. State per instance is
 * one echo and one ready per party, one request answered per party, and the payload.
 */
package org.maftia.group.rbc;
