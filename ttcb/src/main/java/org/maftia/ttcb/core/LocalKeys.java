package org.maftia.ttcb.core;

import java.security.SecureRandom;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.params.X25519PrivateKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;
import org.maftia.ttcb.Ttcb.LocalPublicKey;

/**
 * The key pair of a local TTCB (spec 2.2.3.1, 2.2.5): X25519 for what entities encrypt to it (Ku
 * in Figure 2.7), Ed25519 for what it signs (Kr). The private halves never leave the TTCB.
 */
public final class LocalKeys {

    private final X25519PrivateKeyParameters encryption;
    private final Ed25519PrivateKeyParameters signing;

    public LocalKeys(byte[] x25519Private, byte[] ed25519Private) {
        this.encryption = new X25519PrivateKeyParameters(x25519Private, 0);
        this.signing = new Ed25519PrivateKeyParameters(ed25519Private, 0);
    }

    public static LocalKeys generate(SecureRandom random) {
        return new LocalKeys(new X25519PrivateKeyParameters(random).getEncoded(),
                new Ed25519PrivateKeyParameters(random).getEncoded());
    }

    public LocalPublicKey publicKey() {
        return new LocalPublicKey(encryption.generatePublicKey().getEncoded(), signing.generatePublicKey().getEncoded());
    }

    X25519PrivateKeyParameters encryptionKey() {
        return encryption;
    }

    byte[] sign(byte[] message) {
        Ed25519Signer s = new Ed25519Signer();
        s.init(true, signing);
        s.update(message, 0, message.length);
        return s.generateSignature();
    }

    /** The private halves, for the daemon's key file. */
    public byte[][] privateParts() {
        return new byte[][] {encryption.getEncoded(), signing.getEncoded()};
    }
}
