package org.maftia.group;

import java.util.concurrent.Executor;
import org.maftia.net.link.LinkMode;

/**
 * How {@link Site#load} runs a site on the real network.
 *
 * @param linkMode      how the point-to-point links are protected (spec 5.1, convention 4): MAC
 *                      (HMAC-SHA256) or AEAD (AES-256-GCM, which also hides the payloads)
 * @param verification  where the expensive checks of incoming messages run (shares, signatures,
 *                      proofs); null for the JVM's shared pool, one thread per core
 */
public record SiteOptions(LinkMode linkMode, Executor verification) {

    /** Authenticated and encrypted links, checks on the JVM's shared pool. */
    public static final SiteOptions DEFAULT = new SiteOptions(LinkMode.AEAD, null);

    public SiteOptions {
        if (linkMode == null) {
            throw new IllegalArgumentException("linkMode is null; use LinkMode.AEAD (encrypted) or LinkMode.MAC");
        }
    }

    public SiteOptions withLinkMode(LinkMode mode) {
        return new SiteOptions(mode, verification);
    }
}
