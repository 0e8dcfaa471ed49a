package org.maftia.crypto.quorum;

import java.security.MessageDigest;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.math.ec.rfc8032.Ed25519;
import org.maftia.crypto.MalformedEncodingException;
import org.maftia.crypto.Share;
import org.maftia.crypto.ThresholdSigner;
import org.maftia.crypto.ThresholdSignatures;
import org.maftia.crypto.codec.ByteReader;
import org.maftia.crypto.codec.ByteWriter;
import org.maftia.crypto.codec.ShareHeader;

/**
 * One holder of a quorum key: signs with its Ed25519 private key (BouncyCastle, deterministic
 * RFC 8032 signing, so no randomness is needed). Immutable and thread-safe.
 */
public final class QuorumSigner implements ThresholdSigner {

    private final int index;
    private final Ed25519PrivateKeyParameters privateKey;
    private final Ed25519PublicKeyParameters ownPublicKey;
    private final QuorumPublicKey group;
    private final byte[] header;

    /**
     * @throws IllegalArgumentException if {@code privateKey} is not the key of holder {@code index}
     *     in {@code group}
     */
    public QuorumSigner(int index, Ed25519PrivateKeyParameters privateKey, QuorumPublicKey group) {
        group.parameters().checkIndex(index);
        this.ownPublicKey = privateKey.generatePublicKey();
        if (!MessageDigest.isEqual(ownPublicKey.getEncoded(), group.holderKey(index))) {
            throw new IllegalArgumentException("this private key is not holder " + index + "'s key in the group");
        }
        this.index = index;
        this.privateKey = privateKey;
        this.group = group;
        this.header = ShareHeader.write(QuorumPublicKey.CODE, group.keyId()).toByteArray();
    }

    /** Inverse of {@link #encode()}, checking the private key matches the group's key for the holder. */
    public static QuorumSigner decode(byte[] encoded) {
        ByteReader in = new ByteReader(encoded, QuorumPublicKey.SCHEME + " private key");
        in.expect(QuorumPublicKey.CODE, "scheme code");
        in.expect(ThresholdSignatures.KIND_PRIVATE_KEY, "kind");
        int index = in.u16("holder index");
        byte[] secret = in.raw(Ed25519.SECRET_KEY_SIZE, "secret key");
        QuorumPublicKey group = QuorumPublicKey.decode(in.rest("group public key"));
        if (index >= group.parameters().n()) {
            throw in.malformed("holder index " + index + " outside 0.." + (group.parameters().n() - 1));
        }
        try {
            return new QuorumSigner(index, new Ed25519PrivateKeyParameters(secret), group);
        } catch (IllegalArgumentException e) {
            throw new MalformedEncodingException(QuorumPublicKey.SCHEME + " private key: " + e.getMessage());
        }
    }

    /**
     * {@code [code][kind 0x02][index u16][32-byte Ed25519 secret][group public key encoding]}:
     * self-contained, so a holder's key file alone is enough to sign. Secret: store it privately.
     */
    public byte[] encode() {
        return new ByteWriter().u8(QuorumPublicKey.CODE).u8(ThresholdSignatures.KIND_PRIVATE_KEY).u16(index)
                .raw(privateKey.getEncoded()).raw(group.encode()).toByteArray();
    }

    @Override
    public int index() {
        return index;
    }

    @Override
    public QuorumPublicKey publicKey() {
        return group;
    }

    /** The share: header (scheme, "share", key id) then the Ed25519 signature on the domain-separated message. */
    @Override
    public Share sign(byte[] message) {
        byte[] signed = group.signedMessage(message);
        byte[] share = new byte[QuorumPublicKey.SHARE_LENGTH];
        System.arraycopy(header, 0, share, 0, header.length);
        privateKey.sign(Ed25519.Algorithm.Ed25519, ownPublicKey, null, signed, 0, signed.length, share, ShareHeader.LENGTH);
        return new Share(index, share);
    }

    @Override
    public String toString() {
        return "QuorumSigner[" + index + " of " + group + "]";
    }
}
