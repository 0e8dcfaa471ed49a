package org.maftia.crypto.quorum;

import java.util.Collections;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import org.maftia.crypto.ThresholdParameters;
import org.maftia.crypto.ThresholdSignatures;
import org.maftia.crypto.codec.ByteWriter;

/**
 * The combined signature of the quorum scheme: which holders signed, as a bitmap, then their
 * 64-byte Ed25519 signatures in increasing holder order.
 *
 * <pre>[code 0x01][kind 0x04][bitmap: ceil(n/8) bytes, holder i = bit (i mod 8) of byte i/8][k x 64 bytes]</pre>
 *
 * A bitmap (rather than a list of indices) makes a repeated holder unrepresentable and fixes the
 * order, so each set of signers has exactly one encoding.
 */
record QuorumCertificate(int n, SortedMap<Integer, byte[]> signatures) {

    QuorumCertificate {
        signatures = Collections.unmodifiableSortedMap(new TreeMap<>(signatures));
    }

    static int bitmapLength(int n) {
        return (n + 7) / 8;
    }

    byte[] encode() {
        byte[] bitmap = new byte[bitmapLength(n)];
        for (int index : signatures.keySet()) {
            bitmap[index >>> 3] |= (byte) (1 << (index & 7));
        }
        ByteWriter out = new ByteWriter().u8(QuorumPublicKey.CODE).u8(ThresholdSignatures.KIND_SIGNATURE).raw(bitmap);
        signatures.values().forEach(out::raw);
        return out.toByteArray();
    }

    /**
     * Strict decoding: exact length for exactly {@code k} signers, no bit for a holder {@code >= n},
     * right header. Empty if anything is off (a malformed signature is simply not valid).
     */
    static Optional<QuorumCertificate> decode(ThresholdParameters p, byte[] encoded) {
        int bitmapLength = bitmapLength(p.n());
        int length = 2 + bitmapLength + p.k() * QuorumPublicKey.SIGNATURE_LENGTH;
        if (encoded == null || encoded.length != length
                || encoded[0] != QuorumPublicKey.CODE || encoded[1] != ThresholdSignatures.KIND_SIGNATURE) {
            return Optional.empty();
        }
        TreeMap<Integer, byte[]> signatures = new TreeMap<>();
        int offset = 2 + bitmapLength;
        for (int index = 0; index < 8 * bitmapLength; index++) {
            if ((encoded[2 + (index >>> 3)] & (1 << (index & 7))) == 0) {
                continue;
            }
            if (index >= p.n() || signatures.size() == p.k()) {
                return Optional.empty();
            }
            signatures.put(index, java.util.Arrays.copyOfRange(encoded, offset, offset + QuorumPublicKey.SIGNATURE_LENGTH));
            offset += QuorumPublicKey.SIGNATURE_LENGTH;
        }
        if (signatures.size() != p.k()) {
            return Optional.empty();
        }
        return Optional.of(new QuorumCertificate(p.n(), signatures));
    }
}
