/**
 * Secure causal atomic broadcast: spec 5.2.1.7, Protocol 8 (SC-ABC), behind the API class
 * {@code SecureAtomicStream} of spec 3.2.
 *
 * <p>Guarantees (n &gt; 3t), beyond atomic broadcast's (every honest party delivers the same
 * payloads in the same order, every honest party's among them): input causality, so no honest party
 * helps reveal a cleartext before the place of its ciphertext in the order is fixed, and the
 * adversary learns a cleartext only after that. Payloads are ciphertexts of the group's (n, t+1, t)
 * threshold cryptosystem (TDH2 on P-256), labelled with the stream and group ids.
 *
 * <p>Messages (codes in {@code MessageTypes}): decrypt(position, decryption share)
 * ({@link org.maftia.group.scabc.DecryptMessage}); the ciphertexts travel in the atomic broadcast
 * stream {@code id|scabc} (Protocol 7) below.
 *
 * <p>Departures from the pseudo-code, each argued in {@link org.maftia.group.scabc.ScAbc}: the
 * decrypt message names the ciphertext by its position in the order instead of carrying it again;
 * shares are released for every ordered ciphertext at once, cleartexts still delivered in order;
 * invalid or foreign ciphertexts are skipped by every honest party alike; shares for positions not
 * ordered yet are kept per sender within a byte quota ({@link org.maftia.group.scabc.EarlyShares}),
 * as far ahead as catch-up can bring a party back.
 */
package org.maftia.group.scabc;
