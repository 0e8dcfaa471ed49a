package org.maftia.group.core;

import java.security.SecureRandom;
import java.util.List;
import org.maftia.crypto.CoinHolder;
import org.maftia.crypto.Decryptor;
import org.maftia.crypto.ThresholdCoin;
import org.maftia.crypto.ThresholdCryptosystem;
import org.maftia.crypto.ThresholdSignature;
import org.maftia.crypto.ThresholdSigner;
import org.maftia.group.KeyPurpose;
import org.maftia.group.SiteKeys;

/**
 * One site's threshold keys, as the dealer made them (spec 5.2.1; {@code maftia keygen}): ABBA's
 * (n, n-t, t) signatures S and (n, t+1, t) signatures S', VCBC's (n, ceil((n+t+1)/2), t)
 * signatures, the (n, n-t, t) coin, and SC-ABC's (n, t+1, t) cryptosystem.
 *
 * <p>The group's public keys ({@link #abbaMainKey()} and the others, also as the signers'
 * {@code publicKey()}) check through {@link #verifiedAhead()}: checks the verification stage ran
 * on an incoming message are not computed again when the protocol makes them (docs/architecture.md).
 */
public final class GroupKeys {

    private final ThresholdSigner abbaMain;
    private final ThresholdSigner abbaPre;
    private final ThresholdSigner vcbc;
    private final CoinHolder coin;
    private final Decryptor scAbc;
    private final VerifiedAhead verifiedAhead = new VerifiedAhead();
    private final ThresholdSignature abbaMainKey;
    private final ThresholdSignature abbaPreKey;
    private final ThresholdSignature vcbcKey;
    private final ThresholdCoin coinKey;
    private final ThresholdCryptosystem scAbcKey;

    public GroupKeys(ThresholdSigner abbaMain, ThresholdSigner abbaPre, ThresholdSigner vcbc, CoinHolder coin,
                     Decryptor scAbc) {
        this.abbaMainKey = MemoizedKeys.signature(abbaMain.publicKey(), verifiedAhead, 0);
        this.abbaPreKey = MemoizedKeys.signature(abbaPre.publicKey(), verifiedAhead, 1);
        this.vcbcKey = MemoizedKeys.signature(vcbc.publicKey(), verifiedAhead, 2);
        this.abbaMain = MemoizedKeys.signer(abbaMain, abbaMainKey);
        this.abbaPre = MemoizedKeys.signer(abbaPre, abbaPreKey);
        this.vcbc = MemoizedKeys.signer(vcbc, vcbcKey);
        this.coin = coin;
        this.scAbc = scAbc;
        this.coinKey = MemoizedKeys.coin(coin.publicKey(), verifiedAhead, 3);
        this.scAbcKey = MemoizedKeys.cryptosystem(scAbc.publicKey(), verifiedAhead, 4);
    }

    /** The protocols' view of a site's {@link SiteKeys}. */
    public static GroupKeys of(SiteKeys keys) {
        return new GroupKeys(keys.signer(KeyPurpose.ABBA_MAIN), keys.signer(KeyPurpose.ABBA_PRE), keys.signer(KeyPurpose.VCBC),
                keys.coin(), keys.decryptor());
    }

    /**
     * Deals every site's keys in this process with the default suite for small groups (Ed25519
     * quorums, DH coin, TDH2), as a trusted dealer would: for tests, demos and benchmarks. A
     * deployment deals with {@code maftia keygen} and loads each site's keys from its directory.
     */
    public static List<GroupKeys> dealInProcess(int n, int t, SecureRandom random) {
        return SiteKeys.dealInProcess(n, t, random).stream().map(GroupKeys::of).toList();
    }

    /** This site's share of S. */
    public ThresholdSigner abbaMain() {
        return abbaMain;
    }

    /** This site's share of S'. */
    public ThresholdSigner abbaPre() {
        return abbaPre;
    }

    /** This site's share of VCBC's signatures. */
    public ThresholdSigner vcbc() {
        return vcbc;
    }

    public CoinHolder coin() {
        return coin;
    }

    public Decryptor scAbc() {
        return scAbc;
    }

    public ThresholdSignature abbaMainKey() {
        return abbaMainKey;
    }

    public ThresholdSignature abbaPreKey() {
        return abbaPreKey;
    }

    public ThresholdSignature vcbcKey() {
        return vcbcKey;
    }

    public ThresholdCoin coinKey() {
        return coinKey;
    }

    public ThresholdCryptosystem scAbcKey() {
        return scAbcKey;
    }

    /** The verdicts the verification stage computed for these keys, and how many the protocols took. */
    public VerifiedAhead verifiedAhead() {
        return verifiedAhead;
    }
}
