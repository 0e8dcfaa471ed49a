package org.maftia.ttcb.core;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.generators.HKDFBytesGenerator;
import org.bouncycastle.crypto.params.HKDFParameters;
import org.maftia.ttcb.wire.MalformedFrameException;

/**
 * Seals control-network frames with AES-256-GCM under a per-sender key derived (HKDF-SHA256) from
 * the control network's secret: AN2 (corruptions become omissions), AN7 (confidentiality: TBA_KEY
 * contributions travel here) and AN8 (authenticity: the sender id is authenticated data and picks
 * the key). Frame: version (1) | sender (2) | nonce (12) | ciphertext and tag.
 */
public final class ControlCodec {

    static final int VERSION = 1;
    private static final int HEADER = 3;
    private static final int NONCE = 12;
    /** Frames longer than this are dropped unread (it fits a UDP datagram); the sendTable never fills a longer one. */
    public static final int MAX_FRAME = 65_000;

    private final SecretKeySpec[] senderKeys;
    private final SecureRandom random;
    /**
     * One cipher per thread, initialised anew for each frame: a fresh instance per frame is the
     * most expensive part of opening a small one, and a forged flood is made of small ones.
     */
    private final ThreadLocal<Cipher> ciphers = ThreadLocal.withInitial(ControlCodec::newCipher);

    public ControlCodec(byte[] secret, int n, SecureRandom random) {
        if (secret.length < 16) {
            throw new IllegalArgumentException("the control network secret needs at least 16 bytes, not " + secret.length);
        }
        this.random = random;
        this.senderKeys = new SecretKeySpec[n];
        byte[] salt = "maftia ttcb control v1".getBytes(StandardCharsets.US_ASCII);
        for (int i = 0; i < n; i++) {
            senderKeys[i] = new SecretKeySpec(hkdf(secret, salt, ("sender " + i).getBytes(StandardCharsets.US_ASCII), 32), "AES");
        }
    }

    public int size() {
        return senderKeys.length;
    }

    /** The length of the frame {@link #seal} makes of {@code m}. */
    static int sealedSize(ControlMessage m) {
        return HEADER + NONCE + m.encode().length + 16;
    }

    byte[] seal(ControlMessage m) {
        byte[] body = m.encode();
        byte[] frame = new byte[HEADER + NONCE + body.length + 16];
        frame[0] = VERSION;
        frame[1] = (byte) (m.sender() >>> 8);
        frame[2] = (byte) m.sender();
        byte[] nonce = new byte[NONCE];
        random.nextBytes(nonce);
        System.arraycopy(nonce, 0, frame, HEADER, NONCE);
        try {
            Cipher c = cipher(Cipher.ENCRYPT_MODE, m.sender(), nonce);
            c.updateAAD(frame, 0, HEADER);
            c.doFinal(body, 0, body.length, frame, HEADER + NONCE);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM failed to encrypt", e);
        }
        return frame;
    }

    /**
     * The sender a frame names in its header, if the frame is sealed under that sender's key (AN8);
     * -1 for a forged, corrupted or malformed one. The receiving thread asks this, so that forged
     * frames cost the local TTCB's thread nothing.
     */
    public int authenticSender(byte[] frame) {
        try {
            decrypt(frame);
            return sender(frame);
        } catch (MalformedFrameException e) {
            return -1;
        }
    }

    /** Opens and decodes a frame; a forged, corrupted or malformed one throws {@link MalformedFrameException}. */
    ControlMessage open(byte[] frame) {
        ControlMessage m = ControlMessage.decode(decrypt(frame), senderKeys.length);
        int sender = sender(frame);
        if (m.sender() != sender) {
            throw new MalformedFrameException("sender in header and body differ");
        }
        return m;
    }

    private byte[] decrypt(byte[] frame) {
        if (frame.length < HEADER + NONCE + 16 || frame.length > MAX_FRAME || frame[0] != VERSION) {
            throw new MalformedFrameException("bad frame length or version");
        }
        int sender = sender(frame);
        if (sender >= senderKeys.length) {
            throw new MalformedFrameException("unknown sender " + sender);
        }
        try {
            Cipher c = cipher(Cipher.DECRYPT_MODE, sender, Arrays.copyOfRange(frame, HEADER, HEADER + NONCE));
            c.updateAAD(frame, 0, HEADER);
            return c.doFinal(frame, HEADER + NONCE, frame.length - HEADER - NONCE);
        } catch (GeneralSecurityException e) {
            throw new MalformedFrameException("authentication failed");
        }
    }

    private static int sender(byte[] frame) {
        return ((frame[1] & 0xFF) << 8) | (frame[2] & 0xFF);
    }

    private Cipher cipher(int mode, int sender, byte[] nonce) throws GeneralSecurityException {
        Cipher c = ciphers.get();
        c.init(mode, senderKeys[sender], new GCMParameterSpec(128, nonce));
        return c;
    }

    private static Cipher newCipher() {
        try {
            return Cipher.getInstance("AES/GCM/NoPadding");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JDK has no AES/GCM/NoPadding", e);
        }
    }

    static byte[] hkdf(byte[] ikm, byte[] salt, byte[] info, int length) {
        HKDFBytesGenerator g = new HKDFBytesGenerator(new SHA256Digest());
        g.init(new HKDFParameters(ikm, salt, info));
        byte[] out = new byte[length];
        g.generateBytes(out, 0, length);
        return out;
    }
}
