package org.maftia.group.core;

import org.maftia.crypto.CoinHolder;
import org.maftia.crypto.Decryptor;
import org.maftia.crypto.ThresholdCoin;
import org.maftia.crypto.ThresholdCryptosystem;
import org.maftia.crypto.ThresholdSignature;
import org.maftia.crypto.ThresholdSigner;

/**
 * One site's threshold keys, as the dealer made them (spec 5.2.1; {@code maftia keygen}): ABBA's
 * (n, n-t, t) signatures S and (n, t+1, t) signatures S', VCBC's (n, ceil((n+t+1)/2), t)
 * signatures, the (n, n-t, t) coin, and SC-ABC's (n, t+1, t) cryptosystem. Each signer's
 * {@code publicKey()} is the group's public side.
 */
public record GroupKeys(ThresholdSigner abbaMain, ThresholdSigner abbaPre, ThresholdSigner vcbc,
                        CoinHolder coin, Decryptor scAbc) {

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
