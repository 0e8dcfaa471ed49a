package org.maftia.crypto.bls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import org.maftia.crypto.NotEnoughSharesException;
import org.maftia.crypto.Share;
import org.maftia.crypto.ShareVerdict;
import org.maftia.crypto.ThresholdParameters;
import org.maftia.crypto.sharing.Feldman;
import org.maftia.crypto.testing.Subsets;
import supranational.blst.P2;

class BlsCoinAndReshareTest {

    private final SecureRandom random = new SecureRandom();

    @Property(tries = 10)
    void anyKCoinSharesGiveTheSameValue(@ForAll @IntRange(min = 1, max = 10) int n, @ForAll long seed) {
        ThresholdParameters p = ThresholdParameters.quorum(n, (n - 1) / 3);
        BlsCoin.Dealt dealt = BlsCoin.deal(p, random);
        BlsCoin coin = dealt.publicKey();
        byte[] tag = ("round " + seed).getBytes(StandardCharsets.UTF_8);
        List<Share> all = dealt.holders().stream().map(h -> h.share(tag)).toList();
        assertThat(coin.verifyShares(tag, all)).allMatch(ShareVerdict::isValid);
        byte[] v = coin.combine(tag, Subsets.pick(all, Subsets.shuffled(n, seed), p.k()), false);
        assertThat(v).hasSize(32);
        assertThat(coin.combine(tag, Subsets.pick(all, Subsets.shuffled(n, seed + 1), p.k()), false)).isEqualTo(v);
        byte[] otherTag = ("round " + seed + "'").getBytes(StandardCharsets.UTF_8);
        assertThat(coin.combine(otherTag, dealt.holders().stream().map(h -> h.share(otherTag)).toList(), false)).isNotEqualTo(v);
        assertThatThrownBy(() -> coin.combine(tag, all.subList(0, p.k() - 1), false)).isInstanceOf(NotEnoughSharesException.class);
        // Coin shares are not signature shares on the tag itself (domain separation).
        assertThat(coin.signatureKey().verifyShare(tag, all.get(0)).isValid()).isFalse();
    }

    @Test
    void aResharedBlsKeyMakesTheSameSignaturesAndOldSharesDoNotMix() {
        ThresholdParameters old = ThresholdParameters.quorum(4, 1);
        BlsThresholdSignature.Dealt before = BlsThresholdSignature.deal(old, random);
        ThresholdParameters next = ThresholdParameters.quorum(7, 2);
        BlsThresholdSignature.Dealt after = before.publicKey().reshare(List.of(before.signers().get(3), before.signers().get(0),
                before.signers().get(2)), next, random);
        BlsThresholdSignature newKey = after.publicKey();
        assertThat(newKey.groupPublicKey()).isEqualTo(before.publicKey().groupPublicKey());
        assertThat(BlsThresholdSignatureTest.groupSecret(after.signers(), next.k()))
                .isEqualTo(BlsThresholdSignatureTest.groupSecret(before.signers(), old.k()));
        assertThat(BlsThresholdSignature.decode(newKey.encode()).keyId()).isEqualTo(newKey.keyId());

        byte[] m = "after the view change".getBytes(StandardCharsets.UTF_8);
        List<Share> fresh = after.signers().stream().map(s -> s.sign(m)).toList();
        assertThat(newKey.verifyShares(m, fresh)).allMatch(ShareVerdict::isValid);
        byte[] sig = newKey.combine(m, fresh.subList(2, 7), false);
        byte[] oldSig = before.publicKey().combine(m, before.signers().subList(0, 3).stream().map(s -> s.sign(m)).toList(), false);
        assertThat(sig).isEqualTo(oldSig);
        assertThat(before.publicKey().verify(m, sig)).isTrue();

        List<Share> mixed = new ArrayList<>(fresh.subList(0, 4));
        mixed.add(before.signers().get(0).sign(m));
        assertThatThrownBy(() -> newKey.combine(m, mixed, false)).isInstanceOf(NotEnoughSharesException.class);

        // A faulty contribution is named.
        List<Feldman.Dealing<P2>> dealings = new ArrayList<>();
        for (BlsThresholdSignature.Signer s : before.signers().subList(0, 3)) {
            dealings.add(s.reshareDealing(next, random));
        }
        dealings.set(2, dealings.get(2).withSubShare(6, dealings.get(2).subShares().get(6).add(BigInteger.TWO)));
        assertThatThrownBy(() -> before.publicKey().completeReshare(next, dealings))
                .isInstanceOfSatisfying(Feldman.InvalidDealingException.class, e -> assertThat(e.contributor()).isEqualTo(2))
                .hasMessageContaining("new holder 6");
    }

    @Test
    void coinKeysEncodeAndDecode() {
        BlsCoin.Dealt dealt = BlsCoin.deal(ThresholdParameters.quorum(4, 1), random);
        BlsCoin decoded = BlsCoin.decode(dealt.publicKey().encode());
        byte[] tag = {4, 5};
        List<Share> shares = dealt.holders().subList(1, 4).stream().map(h -> decoded.holder(h.signer().encode()).share(tag)).toList();
        assertThat(decoded.combine(tag, shares, false))
                .isEqualTo(dealt.publicKey().combine(tag, dealt.holders().stream().map(h -> h.share(tag)).toList(), false));
    }

    @Test
    void aResharedCoinKeepsItsValues() {
        BlsCoin.Dealt before = BlsCoin.deal(ThresholdParameters.quorum(4, 1), random);
        BlsThresholdSignature key = before.publicKey().signatureKey();
        BlsCoin.Dealt after = BlsCoin.of(key.reshare(before.holders().subList(1, 4).stream().map(BlsCoin.Holder::signer).toList(),
                ThresholdParameters.quorum(5, 1), random));
        byte[] tag = {1, 2, 3};
        assertThat(after.publicKey().combine(tag, after.holders().stream().map(h -> h.share(tag)).toList(), false))
                .isEqualTo(before.publicKey().combine(tag, before.holders().stream().map(h -> h.share(tag)).toList(), false));
    }
}
