package org.maftia.node.keys;

import java.security.SecureRandom;
import org.maftia.crypto.Dealers;
import org.maftia.crypto.ThresholdSignatures;
import org.maftia.crypto.ThresholdSigner;
import org.maftia.group.core.GroupKeys;

/** Loads one site's threshold keys from a group directory into the form the protocols use. */
public final class SiteKeys {

    private SiteKeys() {
    }

    /**
     * Site {@code site}'s {@link GroupKeys}: its shares of every {@link KeyPurpose}, each checked
     * against the group's public key for that purpose.
     *
     * @throws IllegalArgumentException naming the purpose whose key is missing, unknown or corrupt
     */
    public static GroupKeys load(GroupDirectory dir, int site) {
        SecureRandom random = new SecureRandom();
        return new GroupKeys(signer(dir, site, KeyPurpose.ABBA_MAIN, random), signer(dir, site, KeyPurpose.ABBA_PRE, random),
                signer(dir, site, KeyPurpose.VCBC, random),
                load(dir, site, KeyPurpose.COIN, (pub, own) -> Dealers.coinHolder(own.scheme(), pub.key(), own.key())),
                load(dir, site, KeyPurpose.SC_ABC, (pub, own) -> Dealers.decryptor(own.scheme(), pub.key(), own.key())));
    }

    private static ThresholdSigner signer(GroupDirectory dir, int site, KeyPurpose purpose, SecureRandom random) {
        return load(dir, site, purpose, (pub, own) -> {
            ThresholdSigner signer = ThresholdSignatures.decodePrivateKey(own.scheme(), own.key(), random);
            byte[] probe = "maftia site key check".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
            if (!ThresholdSignatures.decodePublicKey(pub.scheme(), pub.key()).verifyShare(probe, signer.sign(probe)).isValid()) {
                throw new IllegalArgumentException("the share is not of the group's public key");
            }
            return signer;
        });
    }

    private static <T> T load(GroupDirectory dir, int site, KeyPurpose purpose,
                              java.util.function.BiFunction<ThresholdKeyFile, ThresholdKeyFile, T> decode) {
        try {
            ThresholdKeyFile pub = dir.publicKey(purpose);
            ThresholdKeyFile own = dir.privateKey(site, purpose);
            if (!pub.scheme().equals(own.scheme())) {
                throw new IllegalArgumentException("public key is " + pub.scheme() + ", share is " + own.scheme());
            }
            return decode.apply(pub, own);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("site " + site + "'s " + purpose.fileName() + " in " + dir.root()
                    + " cannot be used: " + e.getMessage() + " (deal the group again with 'maftia keygen')", e);
        }
    }
}
