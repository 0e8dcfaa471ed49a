package org.maftia.net.client;

import java.nio.charset.StandardCharsets;

/** The fixed sizes and codes of the three handshake messages (layouts in the package description). */
final class Handshake {

    static final byte[] MAGIC = "MFC1".getBytes(StandardCharsets.US_ASCII);
    static final int KEY_BYTES = 32;
    /** {@code MAGIC | e | seal(c) | seal()}. */
    static final int HELLO_BYTES = MAGIC.length + KEY_BYTES + KEY_BYTES + SymmetricState.TAG_BYTES + SymmetricState.TAG_BYTES;
    /** {@code status | f | seal()}. */
    static final int REPLY_BYTES = 1 + KEY_BYTES + SymmetricState.TAG_BYTES;
    /** The client's first transport frame, empty. */
    static final int CONFIRM_BYTES = SecureChannel.sealedSize(0);

    static final byte ACCEPTED = 0;
    static final byte NOT_ADMITTED = 1;
    static final byte SITE_FULL = 2;

    private Handshake() {
    }
}
