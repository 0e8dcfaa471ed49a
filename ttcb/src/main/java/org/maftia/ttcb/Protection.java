package org.maftia.ttcb;

/**
 * The protection of the entity-TTCB channel chosen at local authentication (spec 2.2.3.1, the
 * {@code protection} parameter): every later call and reply carries a sequence number and is
 * authenticated with keys derived from {@code Ket}; {@link #AEAD} also encrypts it.
 */
public enum Protection {
    /** HMAC-SHA256: integrity, authenticity, replay and re-order protection. */
    MAC,
    /** AES-256-GCM: the same plus confidentiality (needed to receive a {@code TBA_KEY} key). */
    AEAD;

    public static Protection ofCode(int code) {
        Protection[] all = values();
        if (code < 0 || code >= all.length) {
            throw new IllegalArgumentException("no protection has code " + code);
        }
        return all[code];
    }
}
