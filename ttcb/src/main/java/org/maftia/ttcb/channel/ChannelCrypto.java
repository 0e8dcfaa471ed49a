package org.maftia.ttcb.channel;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.generators.HKDFBytesGenerator;
import org.bouncycastle.crypto.params.HKDFParameters;
import org.bouncycastle.crypto.params.X25519PrivateKeyParameters;
import org.bouncycastle.crypto.params.X25519PublicKeyParameters;
import org.maftia.ttcb.Eid;
import org.maftia.ttcb.Protection;
import org.maftia.ttcb.wire.MalformedFrameException;
import org.maftia.ttcb.wire.WireWriter;

/**
 * The cryptography of the entity-TTCB channel, shared by both ends.
 *
 * <p>Local authentication (Figure 2.7): Eu(Ket, Xe) is ECIES-style: an ephemeral X25519 key,
 * HKDF-SHA256 of the shared secret into a one-time AES-256-GCM key, Ket and Xe encrypted under it
 * with the chosen protection as associated data. The TTCB answers with its boot nonce (random,
 * drawn when the local TTCB starts) and its Ed25519 signature over Xe, the eid it assigned, the
 * protection, the boot nonce and a hash of the request (binding the reply to exactly this
 * request). Later calls: keys per direction from Ket by HKDF salted with the boot nonce and the
 * eid; each call carries a sequence
 * number, authenticated with HMAC-SHA256 ({@link Protection#MAC}) or AES-256-GCM with the sequence
 * number as nonce ({@link Protection#AEAD}).
 */
public final class ChannelCrypto {

    static final byte[] AUTH_LABEL = "maftia ttcb local-auth v1".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] CHANNEL_SALT = "maftia ttcb channel v1".getBytes(StandardCharsets.US_ASCII);
    public static final int KEY_BYTES = 32;
    public static final int CHALLENGE_BYTES = 32;
    public static final int BOOT_NONCE_BYTES = 32;
    private static final int MAC_BYTES = 32;

    private ChannelCrypto() {
    }

    /**
     * The keys of one session: one per direction, derived from Ket, salted with the local TTCB's
     * boot nonce and the eid it assigned. A request replayed to a later boot, or to the same boot
     * once it has forgotten it, opens a session under other keys: calls captured before do not
     * authenticate in it, and no AEAD key is ever used with a nonce twice.
     */
    public record SessionKeys(Protection protection, byte[] toTtcb, byte[] toEntity) {
        public static SessionKeys derive(byte[] ket, Protection protection, byte[] bootNonce, Eid eid) {
            byte[] salt = concat(CHANNEL_SALT, bootNonce, new WireWriter().i32(eid.ttcb()).i32(eid.local()).toByteArray());
            return new SessionKeys(protection,
                    hkdf(ket, salt, "entity to ttcb".getBytes(StandardCharsets.US_ASCII)),
                    hkdf(ket, salt, "ttcb to entity".getBytes(StandardCharsets.US_ASCII)));
        }
    }

    /** Figure 2.7, message 1: protection, ephemeral public key, Eu(Ket, Xe). */
    public static byte[] sealAuthRequest(byte[] ttcbEncryptionKey, Protection protection, byte[] ket, byte[] challenge,
                                         java.security.SecureRandom random) {
        X25519PrivateKeyParameters eph = new X25519PrivateKeyParameters(random);
        byte[] ephPublic = eph.generatePublicKey().getEncoded();
        byte[] shared = new byte[32];
        eph.generateSecret(new X25519PublicKeyParameters(ttcbEncryptionKey, 0), shared, 0);
        byte[] k = hkdf(shared, concat(ephPublic, ttcbEncryptionKey), AUTH_LABEL);
        byte[] header = {(byte) Frames.AUTH, (byte) protection.ordinal()};
        byte[] ct = gcm(Cipher.ENCRYPT_MODE, k, new byte[12], concat(header, ephPublic), concat(ket, challenge));
        return concat(header, ephPublic, ct);
    }

    /** What the TTCB reads from message 1. */
    public record AuthRequest(Protection protection, byte[] ket, byte[] challenge) {
    }

    /** Opens message 1 with the TTCB's X25519 private key; malformed or forged ones throw. */
    public static AuthRequest openAuthRequest(byte[] frame, X25519PrivateKeyParameters ttcbKey) {
        if (frame.length != 2 + 32 + KEY_BYTES + CHALLENGE_BYTES + 16 || frame[0] != Frames.AUTH) {
            throw new MalformedFrameException("authentication request of " + frame.length + " bytes");
        }
        Protection protection;
        try {
            protection = Protection.ofCode(frame[1]);
        } catch (IllegalArgumentException e) {
            throw new MalformedFrameException(e.getMessage());
        }
        byte[] ephPublic = Arrays.copyOfRange(frame, 2, 34);
        byte[] shared = new byte[32];
        ttcbKey.generateSecret(new X25519PublicKeyParameters(ephPublic, 0), shared, 0);
        byte[] k = hkdf(shared, concat(ephPublic, ttcbKey.generatePublicKey().getEncoded()), AUTH_LABEL);
        byte[] plain = gcm(Cipher.DECRYPT_MODE, k, new byte[12], Arrays.copyOfRange(frame, 0, 34),
                Arrays.copyOfRange(frame, 34, frame.length));
        return new AuthRequest(protection, Arrays.copyOfRange(plain, 0, KEY_BYTES), Arrays.copyOfRange(plain, KEY_BYTES, plain.length));
    }

    /**
     * The bytes the TTCB signs in message 2: Sr(Xe), bound to the eid, the protection, the boot
     * nonce the session keys are salted with, and the request.
     */
    public static byte[] authSignedBytes(byte[] challenge, Eid eid, Protection protection, byte[] bootNonce, byte[] requestFrame) {
        return new WireWriter().raw(AUTH_LABEL).raw(challenge).i32(eid.ttcb()).i32(eid.local())
                .u8(protection.ordinal()).raw(bootNonce).raw(sha256(requestFrame)).toByteArray();
    }

    /** Protects a call or reply body: header is authenticated, body is MACed (MAC) or encrypted (AEAD). */
    public static byte[] seal(Protection protection, byte[] key, long seq, byte[] header, byte[] body) {
        return switch (protection) {
            case MAC -> concat(body, hmac(key, header, body));
            case AEAD -> gcm(Cipher.ENCRYPT_MODE, key, nonce(seq), header, body);
        };
    }

    /** Checks and removes the protection; a tampered frame throws {@link MalformedFrameException}. */
    public static byte[] open(Protection protection, byte[] key, long seq, byte[] header, byte[] sealed) {
        return switch (protection) {
            case MAC -> {
                if (sealed.length < MAC_BYTES) {
                    throw new MalformedFrameException("no MAC");
                }
                byte[] body = Arrays.copyOf(sealed, sealed.length - MAC_BYTES);
                byte[] mac = Arrays.copyOfRange(sealed, sealed.length - MAC_BYTES, sealed.length);
                if (!MessageDigest.isEqual(mac, hmac(key, header, body))) {
                    throw new MalformedFrameException("bad MAC");
                }
                yield body;
            }
            case AEAD -> gcm(Cipher.DECRYPT_MODE, key, nonce(seq), header, sealed);
        };
    }

    private static byte[] nonce(long seq) {
        return new WireWriter().i32(0).i64(seq).toByteArray();
    }

    private static byte[] hmac(byte[] key, byte[] header, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            mac.update(header);
            return mac.doFinal(body);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is required of every JDK", e);
        }
    }

    private static byte[] gcm(int mode, byte[] key, byte[] nonce, byte[] aad, byte[] input) {
        try {
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(mode, new SecretKeySpec(key, "AES"), new GCMParameterSpec(128, nonce));
            c.updateAAD(aad);
            return c.doFinal(input);
        } catch (javax.crypto.AEADBadTagException e) {
            throw new MalformedFrameException("authentication tag does not verify");
        } catch (GeneralSecurityException e) {
            throw new MalformedFrameException("AES-GCM failed: " + e.getMessage());
        }
    }

    static byte[] hkdf(byte[] ikm, byte[] salt, byte[] info) {
        HKDFBytesGenerator g = new HKDFBytesGenerator(new SHA256Digest());
        g.init(new HKDFParameters(ikm, salt, info));
        byte[] out = new byte[32];
        g.generateBytes(out, 0, 32);
        return out;
    }

    public static byte[] sha256(byte[] b) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(b);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is required of every JDK", e);
        }
    }

    public static byte[] concat2(byte[] a, byte[] b) {
        return concat(a, b);
    }

    static byte[] concat(byte[]... parts) {
        int n = 0;
        for (byte[] p : parts) {
            n += p.length;
        }
        byte[] out = new byte[n];
        int at = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, out, at, p.length);
            at += p.length;
        }
        return out;
    }
}
