package org.maftia.crypto;

import java.security.SecureRandom;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.maftia.crypto.bls.BlsThresholdSignature;
import org.maftia.crypto.quorum.QuorumPublicKey;
import org.maftia.crypto.quorum.QuorumSigner;
import org.maftia.crypto.rsa.ShoupPublicKey;
import org.maftia.crypto.rsa.ShoupSigner;

/**
 * The threshold signature schemes a group's configuration can name, and how to decode their keys.
 * Each scheme also owns a one-byte code that starts every encoding it produces (keys, shares,
 * signatures), so a share of one scheme handed to another is recognised as such (
 * {@link ShareVerdict.Problem#WRONG_KEY}) rather than as noise.
 */
public final class ThresholdSignatures {

    /** Code of {@value QuorumPublicKey#SCHEME}: a quorum certificate of Ed25519 signatures. */
    public static final byte ED25519_QUORUM_CODE = 0x01;
    /** Code of {@value ShoupPublicKey#SCHEME}: Shoup's threshold RSA (Eurocrypt 2000). */
    public static final byte SHOUP_RSA_CODE = 0x02;
    /** BLS shares carry their key id instead of this header; the code only names the scheme. */
    public static final byte BLS_CODE = 0x03;

    /** Kinds of encoding, the second byte of each (after the scheme code). */
    public static final byte KIND_PUBLIC_KEY = 0x01;
    public static final byte KIND_PRIVATE_KEY = 0x02;
    public static final byte KIND_SHARE = 0x03;
    public static final byte KIND_SIGNATURE = 0x04;

    /** Decodes a holder's private key; the random source serves schemes whose shares are randomised. */
    @FunctionalInterface
    public interface PrivateKeyDecoder {
        ThresholdSigner decode(byte[] encoded, SecureRandom random);
    }

    @FunctionalInterface
    public interface PublicKeyDecoder {
        ThresholdSignature decode(byte[] encoded);
    }

    /** One scheme: its configuration name, its code and its key decoders. */
    public record Scheme(String name, byte code, PublicKeyDecoder publicKeys, PrivateKeyDecoder privateKeys) {
    }

    private static final Map<String, Scheme> SCHEMES = Map.of(
            QuorumPublicKey.SCHEME, new Scheme(QuorumPublicKey.SCHEME, ED25519_QUORUM_CODE,
                    QuorumPublicKey::decode, (bytes, random) -> QuorumSigner.decode(bytes)),
            ShoupPublicKey.SCHEME, new Scheme(ShoupPublicKey.SCHEME, SHOUP_RSA_CODE,
                    ShoupPublicKey::decode, ShoupSigner::decode),
            BlsThresholdSignature.SCHEME, new Scheme(BlsThresholdSignature.SCHEME, BLS_CODE,
                    BlsThresholdSignature::decode, (bytes, random) -> BlsThresholdSignature.decodeKeyFile(bytes)));

    private ThresholdSignatures() {
    }

    /** The names a configuration may use, sorted. */
    public static Set<String> names() {
        return new TreeSet<>(SCHEMES.keySet());
    }

    /** @throws IllegalArgumentException naming the known schemes if {@code name} is not one */
    public static Scheme scheme(String name) {
        Scheme s = SCHEMES.get(name);
        if (s == null) {
            throw new IllegalArgumentException("unknown threshold signature scheme '" + name + "'; known: " + names());
        }
        return s;
    }

    /** @throws MalformedEncodingException if the bytes are not a public key of that scheme */
    public static ThresholdSignature decodePublicKey(String scheme, byte[] encoded) {
        return scheme(scheme).publicKeys().decode(encoded);
    }

    /** @throws MalformedEncodingException if the bytes are not a private key of that scheme */
    public static ThresholdSigner decodePrivateKey(String scheme, byte[] encoded, SecureRandom random) {
        return scheme(scheme).privateKeys().decode(encoded, random);
    }

    /** The scheme whose encodings start with {@code code}, if any. */
    public static Optional<String> schemeOfCode(int code) {
        return SCHEMES.values().stream().filter(s -> s.code() == (byte) code).map(Scheme::name).findFirst();
    }
}
