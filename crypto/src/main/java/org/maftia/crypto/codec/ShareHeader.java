package org.maftia.crypto.codec;

import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Optional;
import org.maftia.crypto.ShareVerdict;
import org.maftia.crypto.ThresholdSignatures;

/**
 * The ten bytes that start every signature share: the scheme's code, the kind "share", and the
 * first eight bytes of the fingerprint of the group key it was made under. They cost little and let
 * a verifier say a share is for another scheme or key ({@code WRONG_KEY}) instead of just "bad".
 * The key id is a diagnostic, not a security check: the share's proof or signature binds the key.
 */
public final class ShareHeader {

    public static final int KEY_ID_LENGTH = 8;
    public static final int LENGTH = 2 + KEY_ID_LENGTH;

    private ShareHeader() {
    }

    public static byte[] keyId(byte[] fingerprint) {
        return Arrays.copyOf(fingerprint, KEY_ID_LENGTH);
    }

    public static ByteWriter write(byte code, byte[] keyId) {
        return new ByteWriter().u8(code & 0xFF).u8(ThresholdSignatures.KIND_SHARE).raw(keyId);
    }

    /**
     * Checks the header of {@code share} against this scheme and key; empty if it matches (the
     * body is then at offset {@link #LENGTH}), else the verdict naming what is wrong.
     */
    public static Optional<ShareVerdict> check(int index, byte[] encoded, byte code, String scheme, byte[] keyId) {
        if (encoded.length < LENGTH) {
            return Optional.of(ShareVerdict.invalid(index, ShareVerdict.Problem.MALFORMED,
                    "share of " + encoded.length + " bytes is shorter than its header"));
        }
        if (encoded[0] != code) {
            Optional<String> other = ThresholdSignatures.schemeOfCode(encoded[0]);
            return Optional.of(other.isPresent()
                    ? ShareVerdict.invalid(index, ShareVerdict.Problem.WRONG_KEY, "a " + other.get() + " share, not " + scheme)
                    : ShareVerdict.invalid(index, ShareVerdict.Problem.MALFORMED,
                            "unknown scheme code 0x" + Integer.toHexString(encoded[0] & 0xFF)));
        }
        if (encoded[1] != ThresholdSignatures.KIND_SHARE) {
            return Optional.of(ShareVerdict.invalid(index, ShareVerdict.Problem.MALFORMED,
                    "kind 0x" + Integer.toHexString(encoded[1] & 0xFF) + " is not a share"));
        }
        if (!MessageDigest.isEqual(Arrays.copyOfRange(encoded, 2, LENGTH), keyId)) {
            return Optional.of(ShareVerdict.invalid(index, ShareVerdict.Problem.WRONG_KEY,
                    "share made under another " + scheme + " group key"));
        }
        return Optional.empty();
    }
}
