/**
 * The {@code ed25519-quorum} threshold signature: a quorum certificate of {@code k} Ed25519
 * signatures by distinct holders, the fast default for small groups (costs in
 * bench/README.md).
 *
 * <h2>Encodings (all big-endian; every encoding starts with scheme code 0x01 and a kind byte)</h2>
 * <ul>
 *   <li>group public key, kind 0x01: {@code n, k, t} (16 bits each), then the {@code n} 32-byte
 *       Ed25519 public keys in holder order; keys are fully validated (on the curve, prime order)
 *       and must be pairwise distinct;</li>
 *   <li>holder private key, kind 0x02: holder index (16 bits), the 32-byte RFC 8032 secret, the
 *       group public key encoding;</li>
 *   <li>share, kind 0x03: the first 8 bytes of the group key's fingerprint (SHA-256 of its
 *       encoding), then the 64-byte Ed25519 signature on
 *       {@code "maftia/ed25519-quorum/v1" || fingerprint || message};</li>
 *   <li>signature, kind 0x04: a bitmap of the {@code k} signers ({@code ceil(n/8)} bytes) and their
 *       signatures in increasing holder order ({@link org.maftia.crypto.quorum.QuorumCertificate}).</li>
 * </ul>
 * Decoding is strict: wrong lengths, trailing bytes, unknown holders, more or fewer than {@code k}
 * signers all make a share invalid (with the problem named) or a signature not verify.
 */
package org.maftia.crypto.quorum;
