package org.maftia.crypto.quorum;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.maftia.crypto.ThresholdParameters;

/**
 * Deals a quorum key: a fresh Ed25519 key pair per holder. No secret is shared, so unlike the
 * other schemes this needs no trusted dealer in principle (each site could make its own pair and
 * publish the public half); the dealer just does it for everyone, as {@code maftia keygen} will.
 */
public final class QuorumDealer {

    private QuorumDealer() {
    }

    /** The group key and every holder's signer, signer i at position i. */
    public record Keys(QuorumPublicKey publicKey, List<QuorumSigner> signers) {
        public Keys {
            signers = List.copyOf(signers);
        }
    }

    public static Keys generate(ThresholdParameters parameters, SecureRandom random) {
        List<Ed25519PrivateKeyParameters> privateKeys = new ArrayList<>(parameters.n());
        List<byte[]> publicKeys = new ArrayList<>(parameters.n());
        for (int i = 0; i < parameters.n(); i++) {
            Ed25519PrivateKeyParameters key = new Ed25519PrivateKeyParameters(random);
            privateKeys.add(key);
            publicKeys.add(key.generatePublicKey().getEncoded());
        }
        return fromKeys(parameters, privateKeys, publicKeys);
    }

    /** A group of the given holder private keys (e.g. each site's existing signing key). */
    public static Keys fromPrivateKeys(ThresholdParameters parameters, List<Ed25519PrivateKeyParameters> privateKeys) {
        List<byte[]> publicKeys = privateKeys.stream().map(k -> k.generatePublicKey().getEncoded()).toList();
        return fromKeys(parameters, privateKeys, publicKeys);
    }

    private static Keys fromKeys(ThresholdParameters parameters, List<Ed25519PrivateKeyParameters> privateKeys, List<byte[]> publicKeys) {
        QuorumPublicKey group = QuorumPublicKey.of(parameters, publicKeys);
        List<QuorumSigner> signers = new ArrayList<>(parameters.n());
        for (int i = 0; i < parameters.n(); i++) {
            signers.add(new QuorumSigner(i, privateKeys.get(i), group));
        }
        return new Keys(group, signers);
    }
}
