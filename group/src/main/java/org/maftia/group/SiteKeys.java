package org.maftia.group;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.maftia.crypto.CoinHolder;
import org.maftia.crypto.Dealers;
import org.maftia.crypto.Decryptor;
import org.maftia.crypto.ThresholdParameters;
import org.maftia.crypto.ThresholdSignatures;
import org.maftia.crypto.ThresholdSigner;
import org.maftia.group.directory.GroupDirectory;
import org.maftia.group.directory.ThresholdKeyFile;

/**
 * One site's shares of its group's threshold keys, by {@link KeyPurpose}: a signer for each
 * signature purpose, the coin holder and the decryptor. Every share is checked when the keys are
 * made: it belongs to this site (its holder index is the site's id), to a key of the purpose's
 * {@code (n, k, t)}, and to the group's public key of that purpose (a share made with it verifies).
 * So a directory holding another site's shares, or shares of another group, is refused at load.
 */
public final class SiteKeys {

    private static final byte[] PROBE = "maftia site key check".getBytes(StandardCharsets.US_ASCII);

    private final int site;
    private final Map<KeyPurpose, ThresholdSigner> signers;
    private final CoinHolder coin;
    private final Decryptor decryptor;

    /**
     * @throws IllegalArgumentException naming the purpose whose share is missing, of another holder,
     *         of the wrong {@code (n, k, t)}, or not of the group's public key
     */
    public SiteKeys(int site, int n, int t, Map<KeyPurpose, ThresholdSigner> signers, CoinHolder coin, Decryptor decryptor) {
        this.site = site;
        this.signers = new EnumMap<>(KeyPurpose.class);
        for (KeyPurpose p : KeyPurpose.values()) {
            if (p.kind() == Dealers.Kind.SIGNATURE) {
                ThresholdSigner signer = signers.get(p);
                if (signer == null) {
                    throw new IllegalArgumentException("site " + site + " has no share for " + p.fileName());
                }
                check(p, n, t, signer.index(), signer.publicKey().parameters());
                if (!signer.publicKey().verifyShare(PROBE, signer.sign(PROBE)).isValid()) {
                    throw problem(p, "the share does not sign for the group's public key");
                }
                this.signers.put(p, signer);
            }
        }
        check(KeyPurpose.COIN, n, t, coin.index(), coin.publicKey().parameters());
        if (!coin.publicKey().verifyShare(PROBE, coin.share(PROBE)).isValid()) {
            throw problem(KeyPurpose.COIN, "the share does not toss the group's coin");
        }
        check(KeyPurpose.SC_ABC, n, t, decryptor.index(), decryptor.publicKey().parameters());
        byte[] ciphertext = decryptor.publicKey().encrypt(PROBE, PROBE, new SecureRandom());
        if (!decryptor.publicKey().verifyShare(ciphertext, decryptor.decryptShare(ciphertext)).isValid()) {
            throw problem(KeyPurpose.SC_ABC, "the share does not decrypt for the group's public key");
        }
        this.coin = coin;
        this.decryptor = decryptor;
    }

    /** Site {@code site}'s shares from the group directory {@code groupDirectory} (as {@code maftia keygen} writes it). */
    public static SiteKeys load(Path groupDirectory, int site) {
        GroupDirectory dir = new GroupDirectory(groupDirectory);
        var group = dir.group();
        SecureRandom random = new SecureRandom();
        Map<KeyPurpose, ThresholdSigner> signers = new EnumMap<>(KeyPurpose.class);
        CoinHolder coin = null;
        Decryptor decryptor = null;
        for (KeyPurpose p : KeyPurpose.values()) {
            try {
                ThresholdKeyFile pub = dir.publicKey(p);
                ThresholdKeyFile own = dir.privateKey(site, p);
                if (!pub.scheme().equals(own.scheme())) {
                    throw new IllegalArgumentException("the public key is " + pub.scheme() + ", the share " + own.scheme());
                }
                switch (p.kind()) {
                    case SIGNATURE -> signers.put(p, ThresholdSignatures.decodePrivateKey(own.scheme(), own.key(), random));
                    case COIN -> coin = Dealers.coinHolder(own.scheme(), pub.key(), own.key());
                    case ENCRYPTION -> decryptor = Dealers.decryptor(own.scheme(), pub.key(), own.key());
                }
            } catch (RuntimeException e) {
                throw new IllegalArgumentException(problemText(site, p, dir.root(), e.getMessage()), e);
            }
        }
        try {
            return new SiteKeys(site, group.n(), group.t(), signers, coin, decryptor);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(e.getMessage() + " in " + dir.root() + " (copy the site's own key directory"
                    + " from the dealer, or deal the group again with 'maftia keygen')", e);
        }
    }

    /**
     * Every site's keys, dealt in this process by a trusted dealer with the default suite for
     * small groups (Ed25519 quorums, Diffie-Hellman coin, TDH2): for tests, demos and benchmarks.
     * A deployment deals with {@code maftia keygen} and loads each site's keys with {@link #load}.
     */
    public static List<SiteKeys> dealInProcess(int n, int t, SecureRandom random) {
        Map<KeyPurpose, Dealers.Dealt> dealt = new EnumMap<>(KeyPurpose.class);
        for (KeyPurpose p : KeyPurpose.values()) {
            String scheme = switch (p.kind()) {
                case SIGNATURE -> "ed25519-quorum";
                case COIN -> "dh-coin-p256";
                case ENCRYPTION -> "tdh2-p256";
            };
            dealt.put(p, Dealers.deal(scheme, p.parameters(n, t), random));
        }
        List<SiteKeys> keys = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Map<KeyPurpose, ThresholdSigner> signers = new EnumMap<>(KeyPurpose.class);
            CoinHolder coin = null;
            Decryptor decryptor = null;
            for (var e : dealt.entrySet()) {
                Dealers.Dealt d = e.getValue();
                byte[] own = d.privateKeys().get(i);
                switch (d.kind()) {
                    case SIGNATURE -> signers.put(e.getKey(), ThresholdSignatures.decodePrivateKey(d.scheme(), own, random));
                    case COIN -> coin = Dealers.coinHolder(d.scheme(), d.publicKey(), own);
                    case ENCRYPTION -> decryptor = Dealers.decryptor(d.scheme(), d.publicKey(), own);
                }
            }
            keys.add(new SiteKeys(i, n, t, signers, coin, decryptor));
        }
        return keys;
    }

    /** The site these shares belong to. */
    public int site() {
        return site;
    }

    /** This site's share of the signature key of {@code purpose}, one of the signature purposes. */
    public ThresholdSigner signer(KeyPurpose purpose) {
        ThresholdSigner signer = signers.get(purpose);
        if (signer == null) {
            throw new IllegalArgumentException(purpose + " is not a signature purpose");
        }
        return signer;
    }

    public CoinHolder coin() {
        return coin;
    }

    public Decryptor decryptor() {
        return decryptor;
    }

    private void check(KeyPurpose p, int n, int t, int index, ThresholdParameters actual) {
        if (index != site) {
            throw problem(p, "it is the share of holder " + index);
        }
        ThresholdParameters expected = p.parameters(n, t);
        if (!expected.equals(actual)) {
            throw problem(p, "the key is (n, k, t) = (" + actual.n() + ", " + actual.k() + ", " + actual.t()
                    + "), the group needs (" + expected.n() + ", " + expected.k() + ", " + expected.t() + ")");
        }
    }

    private IllegalArgumentException problem(KeyPurpose p, String why) {
        return new IllegalArgumentException("site " + site + "'s " + p.fileName() + " cannot be used: " + why);
    }

    private static String problemText(int site, KeyPurpose p, Path root, String why) {
        return "site " + site + "'s " + p.fileName() + " in " + root + " cannot be used: " + why
                + " (deal the group again with 'maftia keygen')";
    }
}
