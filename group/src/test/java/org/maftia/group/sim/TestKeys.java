package org.maftia.group.sim;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import org.maftia.crypto.ThresholdParameters;
import org.maftia.crypto.dl.DiffieHellmanCoin;
import org.maftia.crypto.dl.Tdh2;
import org.maftia.crypto.quorum.QuorumDealer;
import org.maftia.group.core.GroupKeys;

/** Deals every site of a test group its keys (the default suite: Ed25519 quorums, DH coin, TDH2). */
public final class TestKeys {

    private TestKeys() {
    }

    public static List<GroupKeys> deal(int n, int t, SecureRandom random) {
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
}
