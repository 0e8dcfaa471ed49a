/**
 * The authenticated client transport of an open group (spec 5.3.3): clients are not members; a
 * client holds its own X25519 link key pair and one {@link org.maftia.net.client.ClientConnection}
 * per site, sending a request to one site and receiving replies from all. A site serves them on
 * its client port with a {@link org.maftia.net.client.ClientEndpoint}; it accepts any client or
 * only those its {@link org.maftia.net.client.ClientAdmission} names. Plain TCP, not an Appia
 * layer: clients are outside the group's channel.
 *
 * <h2>Handshake</h2>
 * After Noise IK (one round trip) plus the client's first frame as key confirmation. Client
 * static key c, ephemeral e; site static S, known to the client in advance, ephemeral f. Both
 * ends keep a transcript hash h (every byte sent) and a chaining key into which each DH result
 * is mixed by HKDF-SHA256; each message key seals one message with AES-256-GCM and h as
 * associated data.
 * <pre>
 *   hello   client -> site  "MFC1" | e | seal_{es}(c) | seal_{es,ss}()            100 bytes
 *   reply   site -> client  status | f | seal_{es,ss,ee,se}()                       49 bytes
 *   confirm client -> site  first transport frame, empty, under k(client -> site)   20 bytes
 * </pre>
 * es = DH(e, S), ss = DH(c, S), ee = DH(e, f), se = DH(c, f); the transport keys, one per
 * direction, are split from the final chaining key.
 * <ul>
 * <li>es: only the holder of S's private key can read c or make the reply's tag, so a reply that
 *     verifies proves the site is S, and is fresh because e is (a recorded reply fails). An
 *     impostor, or a site other than the one the client expects, ends in
 *     {@link org.maftia.net.client.SiteNotAuthenticatedException}.</li>
 * <li>ss: the hello's tag proves the sender used c's private key, before the site tells it
 *     anything; someone knowing only public keys learns nothing about which keys are admitted
 *     (every bad hello gets the same decoy: random bytes the size of a reply).</li>
 * <li>ee, se: the hello can be replayed, so it proves nothing fresh. The confirmation needs ee
 *     and se, that is e's and c's private keys, for the site's fresh f: a replayed hello gets a
 *     reply and nothing more, and never replaces the client's live session.</li>
 * <li>Forward secrecy: the transport keys depend on ee; once e and f are erased, recorded
 *     traffic stays secret even if c and S leak later.</li>
 * </ul>
 * A refusal is a reply with status not admitted or site full, sealed like an acceptance, so the
 * client knows it comes from S; it says that and nothing more, and is counted.
 *
 * <h2>Frames</h2>
 * {@code length | AES-256-GCM(payload)}, length (4 bytes, big-endian) counting the 16-byte tag
 * and serving as associated data; the nonce is a per-direction counter from zero, never reused;
 * a spent counter or a failed decryption closes the session, counted. A payload is at most
 * {@code maxFrameBytes} (default 1 MiB).
 *
 * <h2>Bounds</h2>
 * Before authentication a connection holds only its fixed-size hello and confirmation buffers,
 * for at most {@code handshakeTimeout} in all, within {@code maxPending} connections and
 * {@code maxPendingPerAddress} from one address. After it, an announced frame is read into a
 * buffer that grows with what arrived (from 64 KiB), never allocated at its announced size.
 * Replies wait in a per-client outbox bounded in bytes with its own writer; a client over its
 * bound is closed and counted, and the caller of {@code send} never waits. At most
 * {@code maxSessions} clients; a client connecting again replaces its session. A client silent
 * for {@code idleTimeout} is closed. {@link org.maftia.net.client.ClientCounters#bufferedBytes}
 * shows what all this holds.
 *
 * <p>Known limit: the client has no settings of its own; it accepts frames up to
 * {@link org.maftia.net.client.ClientEndpointSettings#FRAME_LIMIT} and queues up to two such
 * frames before {@code send} waits.
 */
package org.maftia.net.client;
