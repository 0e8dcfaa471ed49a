package org.maftia.net.client;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.crypto.params.X25519PrivateKeyParameters;
import org.bouncycastle.crypto.params.X25519PublicKeyParameters;
import org.maftia.net.KeyDerivation;

/**
 * The running state both ends of a handshake keep in step, after Noise's SymmetricState: a
 * transcript hash {@code h} of everything sent, a chaining key {@code ck} into which every DH
 * result is mixed with HKDF-SHA256, and the current AES-256-GCM key {@code k}. Each {@code k}
 * seals exactly one message (nonce zero), with {@code h} as associated data.
 */
final class SymmetricState {

    static final int TAG_BYTES = 16;
    private static final byte[] PROTOCOL = "maftia client handshake v1: X25519, AES-256-GCM, HKDF-SHA256"
            .getBytes(StandardCharsets.US_ASCII);
    private static final byte[] NO_INFO = new byte[0];

    /** The pair of per-direction transport keys a completed handshake yields. */
    record SessionKeys(byte[] clientToSite, byte[] siteToClient) { }

    private byte[] ck;
    private byte[] h;
    private byte[] k;

    /** Both ends start from the protocol name and the site's static key, which the client knows in advance. */
    SymmetricState(byte[] sitePublicKey) {
        h = KeyDerivation.sha256(PROTOCOL);
        ck = h.clone();
        mixHash(sitePublicKey);
    }

    void mixHash(byte[] data) {
        h = KeyDerivation.sha256(h, data);
    }

    void mixKey(byte[] dh) {
        byte[] out = KeyDerivation.hkdf(dh, ck, NO_INFO, 64);
        ck = Arrays.copyOfRange(out, 0, 32);
        k = Arrays.copyOfRange(out, 32, 64);
    }

    byte[] seal(byte[] plaintext) {
        byte[] c = gcm(Cipher.ENCRYPT_MODE, plaintext);
        mixHash(c);
        return c;
    }

    /** The plaintext, or null when the ciphertext was not sealed by an end holding the same state. */
    byte[] open(byte[] ciphertext) {
        byte[] p = gcm(Cipher.DECRYPT_MODE, ciphertext);
        if (p != null) {
            mixHash(ciphertext);
        }
        return p;
    }

    SessionKeys split() {
        byte[] out = KeyDerivation.hkdf(new byte[0], ck, NO_INFO, 64);
        return new SessionKeys(Arrays.copyOfRange(out, 0, 32), Arrays.copyOfRange(out, 32, 64));
    }

    /** X25519; null for a low-order public key (an all-zero result would make the DH contribute nothing). */
    static byte[] dh(X25519PrivateKeyParameters own, byte[] peerPublic) {
        byte[] shared = new byte[32];
        try {
            own.generateSecret(new X25519PublicKeyParameters(peerPublic, 0), shared, 0);
        } catch (IllegalStateException lowOrder) {
            return null;
        }
        int acc = 0;
        for (byte b : shared) {
            acc |= b;
        }
        return acc == 0 ? null : shared;
    }

    /** The result, or null when decryption finds the tag wrong. */
    private byte[] gcm(int mode, byte[] input) {
        if (k == null) {
            throw new IllegalStateException("each handshake key seals one message");
        }
        try {
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(mode, new SecretKeySpec(k, "AES"), new GCMParameterSpec(TAG_BYTES * 8, new byte[12]));
            c.updateAAD(h);
            return c.doFinal(input);
        } catch (AEADBadTagException e) {
            return null;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is required of every JDK", e);
        } finally {
            k = null;
        }
    }


}
