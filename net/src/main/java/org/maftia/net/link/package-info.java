/**
 * Authenticated point-to-point links: the role of IPSec in spec 3.1.3 and 5.1.3 (AH: integrity,
 * origin authentication, anti-replay; ESP: also confidentiality), built into the middleware so it
 * needs no host configuration.
 *
 * <p>Keys: each site has an X25519 key pair; the group file lists the public keys. Sites i and j
 * derive a pair key by X25519 and HKDF-SHA256 (salt: the group id), then one key per direction
 * and sender epoch. Frame: {@code version | mode | from | to | epoch | seq} then, in MAC mode, a
 * 16-byte HMAC-SHA256 tag over header and payload, or, in AEAD mode, the payload sealed with
 * AES-256-GCM (the header as associated data, the sequence number as nonce). The receiver keeps a
 * sliding window per sender (RFC 4303 style) and the sender's latest epoch.
 *
 * <p>Known limit: a receiver that restarts forgets the windows, so until it has seen a sender's
 * current epoch, frames recorded from that epoch can be replayed to it once each. Group
 * protocols ignore repeated messages ("upon receiving ... for the first time"), so this costs
 * work, not safety.
 */
package org.maftia.net.link;
