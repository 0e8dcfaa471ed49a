package org.maftia.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import org.maftia.crypto.bls.BlsCoin;
import org.maftia.crypto.dl.DiffieHellmanCoin;
import org.maftia.crypto.dl.Tdh2;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** What the dealer writes decodes back to keys that work together (shoup-rsa is dealt in its own tests: slow). */
class DealersTest {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final ThresholdParameters P = ThresholdParameters.quorum(4, 1);
    private static final byte[] MESSAGE = "dealt".getBytes(StandardCharsets.UTF_8);

    @ParameterizedTest
    @ValueSource(strings = {"ed25519-quorum", "bls12-381"})
    void dealtSignatureKeysSignTogether(String scheme) {
        Dealers.Dealt d = Dealers.deal(scheme, P, RANDOM);
        ThresholdSignature pub = ThresholdSignatures.decodePublicKey(scheme, d.publicKey());
        List<Share> shares = new ArrayList<>();
        for (int i = 0; i < P.k(); i++) {
            shares.add(ThresholdSignatures.decodePrivateKey(scheme, d.privateKeys().get(i), RANDOM).sign(MESSAGE));
        }
        assertThat(d.kind()).isEqualTo(Dealers.Kind.SIGNATURE);
        assertThat(pub.verify(MESSAGE, pub.combine(MESSAGE, shares, false))).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {DiffieHellmanCoin.SCHEME, BlsCoin.SCHEME})
    void dealtCoinKeysAgreeOnTheCoin(String scheme) {
        Dealers.Dealt d = Dealers.deal(scheme, P, RANDOM);
        ThresholdCoin coin = scheme.equals(BlsCoin.SCHEME) ? BlsCoin.decode(d.publicKey()) : DiffieHellmanCoin.decode(d.publicKey());
        byte[] tag = Tag.of("coin", "p", "g");
        List<Share> shares = new ArrayList<>();
        for (int i = 0; i < P.n(); i++) {
            CoinHolder h = scheme.equals(BlsCoin.SCHEME)
                    ? ((BlsCoin) coin).holder(d.privateKeys().get(i)) : ((DiffieHellmanCoin) coin).holder(d.privateKeys().get(i));
            shares.add(h.share(tag));
        }
        assertThat(d.kind()).isEqualTo(Dealers.Kind.COIN);
        assertThat(coin.combine(tag, shares.subList(0, P.k()), false))
                .isEqualTo(coin.combine(tag, shares.subList(P.n() - P.k(), P.n()), false));
    }

    @Test
    void dealtEncryptionKeysDecryptTogether() {
        ThresholdParameters p = ThresholdParameters.onePlusFaults(4, 1);
        Dealers.Dealt d = Dealers.deal(Tdh2.SCHEME, p, RANDOM);
        Tdh2 pub = Tdh2.decode(d.publicKey());
        byte[] ct = pub.encrypt(MESSAGE, "label".getBytes(StandardCharsets.UTF_8), RANDOM);
        List<Share> shares = List.of(pub.holder(d.privateKeys().get(1)).decryptShare(ct), pub.holder(d.privateKeys().get(3)).decryptShare(ct));
        assertThat(pub.combine(ct, shares, false)).isEqualTo(MESSAGE);
    }

    @Test
    void anUnknownSchemeNamesTheKnownOnes() {
        assertThatThrownBy(() -> Dealers.deal("rot13", P, RANDOM))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ed25519-quorum").hasMessageContaining("tdh2-p256");
        assertThat(Dealers.defaultSignatureScheme(4)).isEqualTo("ed25519-quorum");
        assertThat(Dealers.defaultSignatureScheme(31)).isEqualTo("bls12-381");
    }
}
