package org.maftia.group.core;

import org.maftia.crypto.CoinHolder;
import org.maftia.crypto.Decryptor;
import org.maftia.crypto.ThresholdCoin;
import org.maftia.crypto.ThresholdCryptosystem;
import org.maftia.crypto.ThresholdSignature;
import org.maftia.crypto.ThresholdParameters;
import org.maftia.crypto.ThresholdSigner;
import org.maftia.crypto.dl.DiffieHellmanCoin;
import org.maftia.crypto.dl.Tdh2;
import org.maftia.crypto.quorum.QuorumDealer;

/**
 * One site's threshold keys, as the dealer made them (spec 5.2.1; {@code maftia keygen}): ABBA's
 * (n, n-t, t) signatures S and (n, t+1, t) signatures S', VCBC's (n, ceil((n+t+1)/2), t)
 * signatures, the (n, n-t, t) coin, and SC-ABC's (n, t+1, t) cryptosystem. Each signer's
 * {@code publicKey()} is the group's public side.
 */
public record GroupKeys(ThresholdSigner abbaMain, ThresholdSigner abbaPre, ThresholdSigner vcbc,
                        CoinHolder coin, Decryptor scAbc) {

    /**
     * Deals every site's keys in this process with the default suite for small groups (Ed25519
     * quorums, DH coin, TDH2), as a trusted dealer would: for tests, demos and benchmarks. A
     * deployment deals with {@code maftia keygen} and loads each site's keys from its directory.
     */
    public static java.util.List<GroupKeys> dealInProcess(int n, int t, java.security.SecureRandom random) {
        var main = QuorumDealer.generate(ThresholdParameters.quorum(n, t), random);
        var pre = QuorumDealer.generate(ThresholdParameters.onePlusFaults(n, t), random);
        var vcbc = QuorumDealer.generate(ThresholdParameters.honestMajority(n, t), random);
        var coin = DiffieHellmanCoin.deal(ThresholdParameters.quorum(n, t), random);
        var tdh2 = Tdh2.deal(ThresholdParameters.onePlusFaults(n, t), random);
        java.util.List<GroupKeys> keys = new java.util.ArrayList<>();
        for (int i = 0; i < n; i++) {
            keys.add(new GroupKeys(main.signers().get(i), pre.signers().get(i), vcbc.signers().get(i),
                    coin.holders().get(i), tdh2.holders().get(i)));
        }
        return keys;
    }

    public ThresholdSignature abbaMainKey() {
        return abbaMain.publicKey();
    }

    public ThresholdSignature abbaPreKey() {
        return abbaPre.publicKey();
    }

    public ThresholdSignature vcbcKey() {
        return vcbc.publicKey();
    }

    public ThresholdCoin coinKey() {
        return coin.publicKey();
    }

    public ThresholdCryptosystem scAbcKey() {
        return scAbc.publicKey();
    }
}
