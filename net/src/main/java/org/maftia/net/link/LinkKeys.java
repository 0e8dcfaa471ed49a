package org.maftia.net.link;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.bouncycastle.crypto.params.X25519PrivateKeyParameters;
import org.bouncycastle.crypto.params.X25519PublicKeyParameters;
import org.maftia.net.KeyDerivation;
import org.maftia.net.group.GroupConfig;

/**
 * Pairwise link keys of one site. Sites i and j share Z = X25519(sk_i, pk_j) = X25519(sk_j, pk_i);
 * HKDF-SHA256 (RFC 5869) extracts a pair key with the group id as salt, and expands a key per
 * direction and sender epoch: {@code K(i -> j, e)}. Keys differ per direction so a frame cannot be
 * reflected back to its sender, and per epoch so a restarted sender never reuses a nonce. A last
 * key per pair authenticates the TCP connection handshake.
 */
final class LinkKeys {

    private static final byte[] LABEL = "maftia link v1".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] HANDSHAKE_LABEL = "maftia tcp handshake v1".getBytes(StandardCharsets.US_ASCII);

    private final int self;
    private final byte[][] pairKeys;

    LinkKeys(GroupConfig group, int self, byte[] privateKey) {
        this.self = self;
        this.pairKeys = new byte[group.n()][];
        X25519PrivateKeyParameters sk = new X25519PrivateKeyParameters(privateKey, 0);
        byte[] salt = KeyDerivation.sha256(LABEL, group.groupId().getBytes(StandardCharsets.UTF_8));
        for (int j = 0; j < group.n(); j++) {
            if (j == self) {
                continue;
            }
            byte[] shared = new byte[32];
            sk.generateSecret(new X25519PublicKeyParameters(group.site(j).linkPublicKey(), 0), shared, 0);
            if (isAllZero(shared)) {
                throw new IllegalArgumentException("site " + j + "'s link key is a low-order point; regenerate the group keys");
            }
            pairKeys[j] = KeyDerivation.hkdf(shared, salt, LABEL, 32);
        }
    }

    /** The key of frames from {@code from} to {@code to} in the sender's {@code epoch}. */
    byte[] directionKey(int from, int to, long epoch) {
        int peer = from == self ? to : from;
        byte[] info = ByteBuffer.allocate(LABEL.length + 16).put(LABEL).putInt(from).putInt(to).putLong(epoch).array();
        return KeyDerivation.hkdfExpand(pairKeys[peer], info, 32);
    }

    /**
     * The key of the TCP connection handshake between this site and {@code peer}: expanded from the
     * pair key under its own label, so a handshake MAC is never a frame key or tag.
     */
    byte[] handshakeKey(int peer) {
        return KeyDerivation.hkdfExpand(pairKeys[peer], HANDSHAKE_LABEL, 32);
    }




    private static boolean isAllZero(byte[] b) {
        int acc = 0;
        for (byte x : b) {
            acc |= x;
        }
        return acc == 0;
    }
}
