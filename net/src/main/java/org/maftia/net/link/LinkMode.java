package org.maftia.net.link;

/** What the authenticated link gives each frame (spec 3.1.3: IPSec AH or ESP). */
public enum LinkMode {
    /** Integrity, origin authentication and replay protection (HMAC-SHA256, as AH). */
    MAC,
    /** The same plus confidentiality (AES-256-GCM, as ESP). */
    AEAD
}
