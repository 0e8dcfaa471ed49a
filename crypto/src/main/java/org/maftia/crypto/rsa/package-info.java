/**
 * The {@code shoup-rsa} threshold signature: V. Shoup, "Practical Threshold Signatures",
 * Eurocrypt 2000 (LNCS 1807), the scheme spec 5.2.1.1's ABBA was designed with.
 *
 * <ul>
 *   <li>{@link org.maftia.crypto.rsa.ShoupDealer}: key generation from given or fresh safe primes
 *       (section 3);</li>
 *   <li>{@link org.maftia.crypto.rsa.ShoupSigner}: share x_i = xhat^(2 Delta s_i) with its
 *       discrete-log-equality proof ({@code ShareProof}, section 3);</li>
 *   <li>{@link org.maftia.crypto.rsa.ShoupPublicKey}: share verification, combination with
 *       integer Lagrange coefficients and the Bezout step, RSA-FDH verification; Protocol 1 when
 *       k = t+1, the section 5 variant with the Jacobi-symbol normalisation when k > t+1.</li>
 * </ul>
 *
 * <h2>Encodings (big-endian; scheme code 0x02, then a kind byte)</h2>
 * public key (0x01): n, k, t, |N| in bytes (16 bits each), N, e (32 bits), v, u, v_0..v_{n-1}
 * (each |N| bytes); private key (0x02): index, |N| in bytes, s_i, public key; share (0x03):
 * 8-byte key id, x_i (|N| bytes, in 1..(N-1)/2), c (16 bytes), z (ceil((|N|+257)/8) bytes);
 * signature (0x04): y (|N| bytes, 0 < y < N).
 */
package org.maftia.crypto.rsa;
