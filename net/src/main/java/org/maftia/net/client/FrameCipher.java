package org.maftia.net.client;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * AES-256-GCM for one direction of a session: the nonce is a counter, so it is never reused
 * under the key; when the counter would wrap the direction is spent and the session must end.
 * The 4-byte length prefix is the associated data, so a frame cannot be cut or stretched.
 * Not thread-safe: each direction has one sealer (under its send lock) and one opener (its reader).
 */
final class FrameCipher {

    /** The counter ran out: no further frame can be sealed or opened under this key. */
    static final class ExhaustedException extends GeneralSecurityException {
        ExhaustedException() {
            super("the nonce counter of this direction is spent");
        }
    }

    private final SecretKeySpec key;
    private final Cipher cipher;
    private long counter;

    FrameCipher(byte[] key) {
        this(key, 0);
    }

    /** Starting elsewhere than zero only lets a test reach the counter's end. */
    FrameCipher(byte[] key, long firstCounter) {
        this.key = new SecretKeySpec(key, "AES");
        this.counter = firstCounter;
        try {
            this.cipher = Cipher.getInstance("AES/GCM/NoPadding");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is required of every JDK", e);
        }
    }

    /** {@code length | ciphertext}, length counting the ciphertext with its tag. */
    byte[] seal(byte[] payload) throws ExhaustedException {
        int length = payload.length + SymmetricState.TAG_BYTES;
        ByteBuffer frame = ByteBuffer.allocate(4 + length).putInt(length);
        try {
            cipher.init(Cipher.ENCRYPT_MODE, key, nextNonce());
            cipher.updateAAD(frame.array(), 0, 4);
            cipher.doFinal(payload, 0, payload.length, frame.array(), 4);
        } catch (ExhaustedException e) {
            throw e;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM sealing cannot fail on a valid key", e);
        }
        return frame.array();
    }

    /** The payload of {@code sealed[0, length)}, which arrived after the 4-byte prefix {@code length}. */
    byte[] open(int length, byte[] sealed) throws AEADBadTagException, ExhaustedException {
        try {
            cipher.init(Cipher.DECRYPT_MODE, key, nextNonce());
            cipher.updateAAD(ByteBuffer.allocate(4).putInt(length).array());
            return cipher.doFinal(sealed, 0, length);
        } catch (AEADBadTagException | ExhaustedException e) {
            throw e;
        } catch (GeneralSecurityException e) {
            throw new AEADBadTagException("frame not decryptable: " + e.getMessage());
        }
    }

    private GCMParameterSpec nextNonce() throws ExhaustedException {
        if (counter == Long.MAX_VALUE) {
            throw new ExhaustedException();
        }
        byte[] nonce = ByteBuffer.allocate(12).putInt(0).putLong(counter++).array();
        return new GCMParameterSpec(SymmetricState.TAG_BYTES * 8, nonce);
    }
}
