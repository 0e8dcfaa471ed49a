/**
 * Discrete-log threshold schemes on P-256 (spec 5.2.1: ABBA's threshold coin, SC-ABC's threshold
 * cryptosystem), built on BouncyCastle's curve arithmetic.
 *
 * <h2>Constructions</h2>
 * <ul>
 *   <li>{@link org.maftia.crypto.dl.P256}: the group (prime order q, cofactor 1), compressed points
 *       (33 bytes) and scalars (32 bytes, below q), decoded strictly; fixed-base comb for the
 *       generator and for each key's verification keys.</li>
 *   <li>{@link org.maftia.crypto.dl.HashToCurve}: RFC 9380 {@code P256_XMD:SHA-256_SSWU_RO_}
 *       (implemented here from the RFC; BouncyCastle has none), one tag per use:
 *       {@code MAFTIA-V1-DHCOIN-with-...} for coin bases g~ = H(C),
 *       {@code MAFTIA-V1-TDH2-GBAR-with-...} for TDH2's second generator.</li>
 *   <li>{@link org.maftia.crypto.dl.Dleq}: Chaum-Pedersen proofs of log_g u = log_h v, Fiat-Shamir
 *       with challenges from {@code expand_message_xmd} (SHA-256) under their own tag, hedged
 *       nonces, and batch verification by random linear combination with 128-bit exponents.</li>
 *   <li>{@link org.maftia.crypto.dl.DiffieHellmanCoin}: Cachin-Kursawe-Shoup's coin; value
 *       SHA-256("MAFTIA-V1-DHCOIN-VALUE" || len(C) || C || g~^x).</li>
 *   <li>{@link org.maftia.crypto.dl.Tdh2}: Shoup-Gennaro TDH2 carrying a random 256-bit key K;
 *       payload sealed with AES-256-GCM under HKDF-SHA256(salt "MAFTIA-V1-TDH2-DEM", K, info
 *       "AES-256-GCM key"), label as associated data; label and DEM bytes both hashed into the
 *       TDH2 proof, so any changed byte makes the ciphertext invalid and no share is released.</li>
 * </ul>
 *
 * <h2>Encodings</h2>
 * Coin and decryption shares: key id (8) || value (33) || proof a1 (33) || a2 (33) || z (32) = 139
 * bytes. TDH2 ciphertext: version (1) || encryption key id (8) || len(label) (4) || label || c (32)
 * || u (33) || u-bar (33) || e (32) || f (32) || len(d) (4) || d. Public keys: version ||
 * format name || n || k || t || y || n verification keys; secret shares: version || format name ||
 * key id || index || x_i. Key ids are 8 bytes of SHA-256 over the public key (for TDH2
 * ciphertexts, over h alone, so re-sharing keeps old ciphertexts decryptable).
 *
 * <h2>Re-sharing</h2>
 * {@code reshare} runs {@link org.maftia.crypto.sharing.Feldman} over P-256 (spec 5.4.1) as a local
 * primitive; {@code Holder.reshareDealing} and {@code completeReshare} are the two halves the
 * asynchronous membership will run as a protocol.
 */
package org.maftia.crypto.dl;
