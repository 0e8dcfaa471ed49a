package org.maftia.net.client;

import java.util.Optional;

/**
 * Which clients a group serves (spec 5.3.3: an open group accepts any client, or only listed
 * ones). Asked once per handshake, after the client proved its key.
 */
@FunctionalInterface
public interface ClientAdmission {

    /** The name to log for this client, or empty to refuse it. */
    Optional<String> admit(byte[] clientPublicKey);

    /** Every client is served, named by the short hex of its key. */
    static ClientAdmission any() {
        return key -> Optional.of(new ClientId(key).shortHex());
    }
}
