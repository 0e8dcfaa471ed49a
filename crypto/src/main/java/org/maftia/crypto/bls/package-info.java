/**
 * Threshold BLS signatures and a BLS coin on BLS12-381 through jblst (Java bindings of blst,
 * Apache-2.0, natives for Linux amd64/aarch64, macOS, Windows amd64 bundled and loaded with
 * {@code System.load}; pass {@code --enable-native-access=ALL-UNNAMED} on JDK 24+).
 *
 * <ul>
 *   <li>Ciphersuite: {@code BLS_SIG_BLS12381G1_XMD:SHA-256_SSWU_RO_NUL_}, the minimal-signature-size
 *       basic scheme of the IETF BLS draft: signatures and shares in G1 (48 bytes compressed), keys
 *       in G2 (96 bytes). Chosen because shares and signatures are what protocols send and combine
 *       all the time; see {@link org.maftia.crypto.bls.BlsThresholdSignature}.</li>
 *   <li>Shares: key id (8) || H(m)^{x_i} (48). Decoding checks length, compression flag, the curve
 *       (blst), the prime-order subgroup and rejects the identity.</li>
 *   <li>Batch verification of shares on one message: one pairing equation on random 128-bit
 *       combinations of the shares and of the verification keys.</li>
 *   <li>Re-sharing: Feldman commitments in G2; the group key and every signature stay the same.</li>
 *   <li>If the native library cannot be loaded every operation throws a CryptoException saying so.</li>
 * </ul>
 */
package org.maftia.crypto.bls;
