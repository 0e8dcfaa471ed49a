package org.maftia.crypto.rsa;

import java.math.BigInteger;
import java.security.SecureRandom;
import org.maftia.crypto.Share;
import org.maftia.crypto.ThresholdSigner;
import org.maftia.crypto.ThresholdSignatures;
import org.maftia.crypto.codec.ByteReader;
import org.maftia.crypto.codec.ByteWriter;
import org.maftia.crypto.codec.ShareHeader;

/**
 * Holder i of a Shoup key: its share {@code s_i = f(i+1) mod m} of the secret exponent. A
 * signature share costs three exponentiations modulo N (Shoup, section 3):
 * {@code x_i = xhat^(2 Delta s_i)}, then {@code v^r} and {@code xtilde^r} for the proof.
 * Immutable and thread-safe (the random source is).
 */
public final class ShoupSigner implements ThresholdSigner {

    private final int index;
    private final BigInteger secretShare;
    /** 2 Delta s_i, the exponent of every share, computed once. */
    private final BigInteger shareExponent;
    private final ShoupPublicKey group;
    private final byte[] header;
    private final SecureRandom random;

    /**
     * @throws IllegalArgumentException if {@code v^(s_i)} is not the group's verification key
     *     {@code v_i} (the share does not belong to this key and would only make invalid shares)
     */
    public ShoupSigner(int index, BigInteger secretShare, ShoupPublicKey group, SecureRandom random) {
        group.parameters().checkIndex(index);
        if (secretShare.signum() < 0 || secretShare.compareTo(group.modulus()) >= 0
                || !group.v().modPow(secretShare, group.modulus()).equals(group.verificationKey(index))) {
            throw new IllegalArgumentException("secret share does not match holder " + index + "'s verification key");
        }
        this.index = index;
        this.secretShare = secretShare;
        this.shareExponent = secretShare.multiply(group.delta()).shiftLeft(1);
        this.group = group;
        this.header = ShareHeader.write(ShoupPublicKey.CODE, group.keyId()).toByteArray();
        this.random = random;
    }

    /**
     * {@code [code 0x02][kind 0x02][index u16][|N| in bytes u16][s_i: |N| bytes][group public key encoding]}.
     * Secret: store it privately.
     */
    public byte[] encode() {
        return new ByteWriter().u8(ShoupPublicKey.CODE).u8(ThresholdSignatures.KIND_PRIVATE_KEY).u16(index)
                .u16(group.modulusBytes()).unsigned(secretShare, group.modulusBytes()).raw(group.encode()).toByteArray();
    }

    /** Inverse of {@link #encode()}; checks {@code v^(s_i) = v_i}. */
    public static ShoupSigner decode(byte[] encoded, SecureRandom random) {
        ByteReader in = new ByteReader(encoded, ShoupPublicKey.SCHEME + " private key");
        in.expect(ShoupPublicKey.CODE, "scheme code");
        in.expect(ThresholdSignatures.KIND_PRIVATE_KEY, "kind");
        int index = in.u16("holder index");
        int width = in.u16("share width");
        BigInteger secretShare = in.unsigned(width, "secret share");
        ShoupPublicKey group = ShoupPublicKey.decode(in.rest("group public key"));
        if (width != group.modulusBytes()) {
            throw in.malformed("secret share has " + width + " bytes, the modulus " + group.modulusBytes());
        }
        if (index >= group.parameters().n()) {
            throw in.malformed("holder index " + index + " outside 0.." + (group.parameters().n() - 1));
        }
        try {
            return new ShoupSigner(index, secretShare, group, random);
        } catch (IllegalArgumentException e) {
            throw in.malformed(e.getMessage());
        }
    }

    @Override
    public int index() {
        return index;
    }

    @Override
    public ShoupPublicKey publicKey() {
        return group;
    }

    @Override
    public Share sign(byte[] message) {
        BigInteger n = group.modulus();
        ShoupPublicKey.Target target = group.target(message);
        BigInteger xi = ShoupShare.canonical(target.xHat().modPow(shareExponent, n), n);
        BigInteger xTilde = group.xTilde(target);
        BigInteger[] proof = ShareProof.prove(group, index, secretShare, xTilde, xi.multiply(xi).mod(n), random);
        return new Share(index, new ShoupShare(xi, proof[0], proof[1]).encode(group, header));
    }

    @Override
    public String toString() {
        return "ShoupSigner[" + index + " of " + group + "]";
    }
}
