package org.maftia.crypto;

import java.security.SecureRandom;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.maftia.crypto.bls.BlsCoin;
import org.maftia.crypto.bls.BlsThresholdSignature;
import org.maftia.crypto.dl.DiffieHellmanCoin;
import org.maftia.crypto.dl.Tdh2;
import org.maftia.crypto.quorum.QuorumDealer;
import org.maftia.crypto.quorum.QuorumSigner;
import org.maftia.crypto.rsa.ShoupDealer;
import org.maftia.crypto.rsa.ShoupSigner;

/**
 * The trusted dealer's side of every scheme (spec 5.2.1: keys are dealt once; re-sharing changes
 * them later), by the scheme names a group's configuration uses: deals a fresh key and returns its
 * encodings, the public one for everyone and one private share per holder.
 */
public final class Dealers {

    /** Bits of a dealt Shoup RSA modulus. */
    public static final int RSA_MODULUS_BITS = 2048;

    /** What a scheme is for. */
    public enum Kind { SIGNATURE, COIN, ENCRYPTION }

    /** A dealt key: the scheme, its parameters, the public encoding and holder i's private encoding at i. */
    public record Dealt(String scheme, Kind kind, ThresholdParameters parameters, byte[] publicKey, List<byte[]> privateKeys) {
        public Dealt {
            publicKey = publicKey.clone();
            privateKeys = privateKeys.stream().map(byte[]::clone).toList();
            if (privateKeys.size() != parameters.n()) {
                throw new IllegalArgumentException("a dealing has one private key per holder");
            }
        }
    }

    private interface Dealer {
        Dealt deal(ThresholdParameters parameters, SecureRandom random);
    }

    private static final Map<String, Kind> KINDS = Map.of(
            "ed25519-quorum", Kind.SIGNATURE, "shoup-rsa", Kind.SIGNATURE, BlsThresholdSignature.SCHEME, Kind.SIGNATURE,
            DiffieHellmanCoin.SCHEME, Kind.COIN, BlsCoin.SCHEME, Kind.COIN, Tdh2.SCHEME, Kind.ENCRYPTION);

    private static final Map<String, Dealer> DEALERS = Map.of(
            "ed25519-quorum", (p, r) -> {
                QuorumDealer.Keys k = QuorumDealer.generate(p, r);
                return new Dealt("ed25519-quorum", Kind.SIGNATURE, p, k.publicKey().encode(),
                        k.signers().stream().map(QuorumSigner::encode).toList());
            },
            "shoup-rsa", (p, r) -> {
                ShoupDealer.Keys k = ShoupDealer.generate(RSA_MODULUS_BITS, p, r);
                return new Dealt("shoup-rsa", Kind.SIGNATURE, p, k.publicKey().encode(),
                        k.signers().stream().map(ShoupSigner::encode).toList());
            },
            BlsThresholdSignature.SCHEME, (p, r) -> {
                BlsThresholdSignature.Dealt k = BlsThresholdSignature.deal(p, r);
                return new Dealt(BlsThresholdSignature.SCHEME, Kind.SIGNATURE, p, k.publicKey().encode(),
                        k.signers().stream().map(BlsThresholdSignature::encodeKeyFile).toList());
            },
            DiffieHellmanCoin.SCHEME, (p, r) -> {
                DiffieHellmanCoin.Dealt k = DiffieHellmanCoin.deal(p, r);
                return new Dealt(DiffieHellmanCoin.SCHEME, Kind.COIN, p, k.publicKey().encode(),
                        k.holders().stream().map(DiffieHellmanCoin.Holder::encode).toList());
            },
            BlsCoin.SCHEME, (p, r) -> {
                // A BLS coin's holders keep BLS signing shares (BlsCoin.holder decodes them).
                BlsThresholdSignature.Dealt key = BlsThresholdSignature.deal(p, r);
                return new Dealt(BlsCoin.SCHEME, Kind.COIN, p, BlsCoin.of(key).publicKey().encode(),
                        key.signers().stream().map(BlsThresholdSignature.Signer::encode).toList());
            },
            Tdh2.SCHEME, (p, r) -> {
                Tdh2.Dealt k = Tdh2.deal(p, r);
                return new Dealt(Tdh2.SCHEME, Kind.ENCRYPTION, p, k.publicKey().encode(),
                        k.holders().stream().map(Tdh2.Holder::encode).toList());
            });

    private Dealers() {
    }

    public static Set<String> schemes() {
        return new TreeSet<>(DEALERS.keySet());
    }

    /** The schemes of one kind, sorted. */
    public static Set<String> schemes(Kind kind) {
        Set<String> out = new TreeSet<>();
        KINDS.forEach((name, k) -> {
            if (k == kind) {
                out.add(name);
            }
        });
        return out;
    }

    /**
     * A coin holder from its public key and its private share, as {@link #deal} encodes them.
     *
     * @throws IllegalArgumentException naming the coin schemes if {@code scheme} is not one
     * @throws MalformedEncodingException if a key does not decode or the share is not of the key
     */
    public static CoinHolder coinHolder(String scheme, byte[] publicKey, byte[] privateKey) {
        return switch (scheme) {
            case DiffieHellmanCoin.SCHEME -> DiffieHellmanCoin.decode(publicKey).holder(privateKey);
            case BlsCoin.SCHEME -> BlsCoin.decode(publicKey).holder(privateKey);
            default -> throw new IllegalArgumentException("unknown coin scheme '" + scheme + "'; known: " + schemes(Kind.COIN));
        };
    }

    /**
     * A decryptor from the cryptosystem's public key and the holder's private share, as {@link #deal} encodes them.
     *
     * @throws IllegalArgumentException naming the encryption schemes if {@code scheme} is not one
     * @throws MalformedEncodingException if a key does not decode or the share is not of the key
     */
    public static Decryptor decryptor(String scheme, byte[] publicKey, byte[] privateKey) {
        if (!Tdh2.SCHEME.equals(scheme)) {
            throw new IllegalArgumentException("unknown encryption scheme '" + scheme + "'; known: " + schemes(Kind.ENCRYPTION));
        }
        return Tdh2.decode(publicKey).holder(privateKey);
    }

    /** @throws IllegalArgumentException naming the known schemes if {@code scheme} is not one */
    public static Dealt deal(String scheme, ThresholdParameters parameters, SecureRandom random) {
        Dealer d = DEALERS.get(scheme);
        if (d == null) {
            throw new IllegalArgumentException("unknown scheme '" + scheme + "'; known: " + schemes());
        }
        return d.deal(parameters, random);
    }

    /**
     * The default signature scheme for {@code n} sites, from the measurements in bench/README.md:
     * an Ed25519 quorum certificate is far cheaper to make and check per share than BLS; checking
     * a whole certificate of k signatures overtakes one BLS verification near k = 14, i.e. n = 20.
     */
    public static String defaultSignatureScheme(int n) {
        return n < 20 ? "ed25519-quorum" : BlsThresholdSignature.SCHEME;
    }

    /** The default coin: the Diffie-Hellman coin's shares verify several times faster than BLS ones. */
    public static String defaultCoinScheme() {
        return DiffieHellmanCoin.SCHEME;
    }

    public static String defaultEncryptionScheme() {
        return Tdh2.SCHEME;
    }
}
