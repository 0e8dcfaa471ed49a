package org.maftia.crypto.rsa;

import java.math.BigInteger;
import java.util.Optional;
import org.maftia.crypto.ShareVerdict;
import org.maftia.crypto.codec.ByteWriter;
import org.maftia.crypto.codec.ShareHeader;

/**
 * A decoded signature share: {@code x_i = xhat^(2 Delta s_i)} (as the smaller of {@code x_i} and
 * {@code N - x_i}) with its proof {@code (c, z)} (Shoup, section 3).
 *
 * <pre>[header: code 0x02, kind 0x03, 8-byte key id][x_i: |N| bytes][c: 16 bytes][z: zBytes]</pre>
 *
 * The proof only speaks of {@code x_i^2}, so {@code x_i} and {@code N - x_i} would both verify and
 * combine alike; fixing the representative to the lower half makes the share non-malleable at no
 * cost.
 */
record ShoupShare(BigInteger xi, BigInteger c, BigInteger z) {

    static int length(ShoupPublicKey key) {
        return ShareHeader.LENGTH + key.modulusBytes() + ShareProof.CHALLENGE_BYTES + key.responseBytes();
    }

    byte[] encode(ShoupPublicKey key, byte[] header) {
        return new ByteWriter().raw(header)
                .unsigned(xi, key.modulusBytes())
                .unsigned(c, ShareProof.CHALLENGE_BYTES)
                .unsigned(z, key.responseBytes())
                .toByteArray();
    }

    /** The canonical representative of {@code +-x} modulo N: the one in {@code 1..(N-1)/2}. */
    static BigInteger canonical(BigInteger x, BigInteger modulus) {
        return x.compareTo(modulus.shiftRight(1)) > 0 ? modulus.subtract(x) : x;
    }

    /**
     * Decodes the body of a share whose header already matched; the verdict if it is malformed
     * (wrong length, x_i out of 1..(N-1)/2, z out of its range).
     */
    static DecodeResult decode(ShoupPublicKey key, int index, byte[] encoded) {
        int expected = length(key);
        if (encoded.length != expected) {
            return DecodeResult.bad(index, "share has " + encoded.length + " bytes, not " + expected);
        }
        int offset = ShareHeader.LENGTH;
        BigInteger xi = unsigned(encoded, offset, key.modulusBytes());
        offset += key.modulusBytes();
        BigInteger c = unsigned(encoded, offset, ShareProof.CHALLENGE_BYTES);
        offset += ShareProof.CHALLENGE_BYTES;
        BigInteger z = unsigned(encoded, offset, key.responseBytes());
        if (xi.signum() == 0 || xi.compareTo(key.modulus().shiftRight(1)) > 0) {
            return DecodeResult.bad(index, "share value is not in 1..(N-1)/2");
        }
        if (z.bitLength() > key.responseBits()) {
            return DecodeResult.bad(index, "proof response z has " + z.bitLength() + " bits, more than " + key.responseBits());
        }
        return new DecodeResult(Optional.of(new ShoupShare(xi, c, z)), Optional.empty());
    }

    private static BigInteger unsigned(byte[] bytes, int offset, int length) {
        return new BigInteger(1, bytes, offset, length);
    }

    record DecodeResult(Optional<ShoupShare> share, Optional<ShareVerdict> problem) {
        static DecodeResult bad(int index, String detail) {
            return new DecodeResult(Optional.empty(), Optional.of(ShareVerdict.invalid(index, ShareVerdict.Problem.MALFORMED, detail)));
        }
    }
}
