package org.maftia.group.core;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import org.maftia.crypto.CoinHolder;
import org.maftia.crypto.Decryptor;
import org.maftia.crypto.ThresholdCoin;
import org.maftia.crypto.ThresholdCryptosystem;
import org.maftia.crypto.ThresholdParameters;
import org.maftia.crypto.ThresholdSignature;
import org.maftia.crypto.ThresholdSigner;
import org.maftia.crypto.dl.DiffieHellmanCoin;
import org.maftia.crypto.dl.Tdh2;
import org.maftia.crypto.quorum.QuorumDealer;

/**
 * One site's threshold keys, as the dealer made them (spec 5.2.1; {@code maftia keygen}): ABBA's
 * (n, n-t, t) signatures S and (n, t+1, t) signatures S', VCBC's (n, ceil((n+t+1)/2), t)
 * signatures, the (n, n-t, t) coin, and SC-ABC's (n, t+1, t) cryptosystem.
 *
 * <p>The group's public keys ({@link #abbaMainKey()} and the others) check through
 * {@link #verifiedAhead()}: checks the verification stage ran on an incoming message are not
 * computed again when the protocol makes them (DESIGN.md).
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
        this.abbaMain = abbaMain;
        this.abbaPre = abbaPre;
        this.vcbc = vcbc;
        this.coin = coin;
        this.scAbc = scAbc;
        this.abbaMainKey = MemoizedKeys.signature(abbaMain.publicKey(), verifiedAhead, 0);
        this.abbaPreKey = MemoizedKeys.signature(abbaPre.publicKey(), verifiedAhead, 1);
        this.vcbcKey = MemoizedKeys.signature(vcbc.publicKey(), verifiedAhead, 2);
        this.coinKey = MemoizedKeys.coin(coin.publicKey(), verifiedAhead, 3);
        this.scAbcKey = MemoizedKeys.cryptosystem(scAbc.publicKey(), verifiedAhead, 4);
    }

    /**
     * Deals every site's keys in this process with the default suite for small groups (Ed25519
     * quorums, DH coin, TDH2), as a trusted dealer would: for tests, demos and benchmarks. A
     * deployment deals with {@code maftia keygen} and loads each site's keys from its directory.
     */
    public static List<GroupKeys> dealInProcess(int n, int t, SecureRandom random) {
        var main = QuorumDealer.generate(ThresholdParameters.quorum(n, t), random);
        var pre = QuorumDealer.generate(ThresholdParameters.onePlusFaults(n, t), random);
        var vcbc = QuorumDealer.generate(ThresholdParameters.honestMajority(n, t), random);
        var coin = DiffieHellmanCoin.deal(ThresholdParameters.quorum(n, t), random);
        var tdh2 = Tdh2.deal(ThresholdParameters.onePlusFaults(n, t), random);
        List<GroupKeys> keys = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            keys.add(new GroupKeys(main.signers().get(i), pre.signers().get(i), vcbc.signers().get(i),
                    coin.holders().get(i), tdh2.holders().get(i)));
        }
        return keys;
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
