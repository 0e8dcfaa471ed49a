package org.maftia.crypto.dl;

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
import org.bouncycastle.util.BigIntegers;
import org.junit.jupiter.api.Test;
import org.maftia.crypto.MalformedEncodingException;
import org.maftia.crypto.NotEnoughSharesException;
import org.maftia.crypto.Share;
import org.maftia.crypto.ShareVerdict;
import org.maftia.crypto.ShareVerdict.Problem;
import org.maftia.crypto.Tag;
import org.maftia.crypto.ThresholdCoin;
import org.maftia.crypto.ThresholdParameters;
import org.maftia.crypto.codec.KeyIds;
import org.maftia.crypto.testing.Bits;
import org.maftia.crypto.testing.Subsets;

class DiffieHellmanCoinTest {

    private static final int VALUE = KeyIds.BYTES;
    private static final int A1 = VALUE + P256.POINT_BYTES;
    private static final int A2 = A1 + P256.POINT_BYTES;
    private static final int Z = A2 + P256.POINT_BYTES;

    private final SecureRandom random = new SecureRandom();

    private static byte[] tag(String round) {
        return Tag.of("coin", "abba-1", "group-1", round.getBytes(StandardCharsets.UTF_8));
    }

    private static List<Share> shares(List<DiffieHellmanCoin.Holder> holders, byte[] tag) {
        return holders.stream().map(h -> h.share(tag)).toList();
    }

    @Property(tries = 30)
    void anyKValidSharesGiveTheSameCoinAndKMinusOneDoNot(@ForAll @IntRange(min = 1, max = 10) int n,
            @ForAll @IntRange(min = 0, max = 3) int faults, @ForAll int kind, @ForAll long seed) {
        ThresholdParameters p = Subsets.parameters(n, faults, kind);
        DiffieHellmanCoin.Dealt dealt = DiffieHellmanCoin.deal(p, random);
        DiffieHellmanCoin coin = dealt.publicKey();
        byte[] tag = tag("r" + seed);
        List<Share> all = shares(dealt.holders(), tag);
        assertThat(coin.verifyShares(tag, all)).allMatch(ShareVerdict::isValid);
        all.forEach(s -> assertThat(coin.verifyShare(tag, s).isValid()).isTrue());

        List<Share> chosen = Subsets.pick(all, Subsets.shuffled(n, seed), p.k());
        List<Share> other = Subsets.pick(all, Subsets.shuffled(n, seed + 1), p.k());
        byte[] value = coin.combine(tag, chosen, false);
        assertThat(value).hasSize(32);
        assertThat(coin.combine(tag, other, false)).isEqualTo(value);
        assertThat(coin.combine(tag, chosen, true)).isEqualTo(value);
        assertThat(coin.combine(tag("another round"), shares(dealt.holders(), tag("another round")), false)).isNotEqualTo(value);

        List<Share> fewer = chosen.subList(0, p.k() - 1);
        assertThatThrownBy(() -> coin.combine(tag, fewer, false)).isInstanceOf(NotEnoughSharesException.class);
        if (p.k() > 1) {
            // Repeating a holder does not count twice.
            List<Share> repeated = new ArrayList<>(fewer);
            repeated.add(chosen.get(0));
            assertThatThrownBy(() -> coin.combine(tag, repeated, false)).isInstanceOf(NotEnoughSharesException.class);
        }
        // Each holder's share is bound to its secret: the expected value is H(g~^x), checked with x.
        BigInteger x = DlThresholdKey.SHAMIR.interpolateAtZero(
                java.util.stream.IntStream.range(0, p.k()).toArray(),
                dealt.holders().subList(0, p.k()).stream().map(h -> secret(h)).toArray(BigInteger[]::new));
        assertThat(P256.mulG(x)).isEqualTo(coin.key().publicKey());
    }

    enum Corruption {
        FLIP_VALUE_BIT, FLIP_PROOF_BIT, FLIP_KEY_ID_BIT, OTHER_VALID_VALUE, VALUE_NOT_ON_CURVE, COMMITMENT_NOT_ON_CURVE,
        RESPONSE_NOT_BELOW_ORDER, WRONG_INDEX, INDEX_OUT_OF_RANGE, OTHER_TAG, OTHER_KEY, TRUNCATED, EXTENDED
    }

    @Property(tries = 80)
    void everyCorruptedShareIsCaughtAndNamed(@ForAll @IntRange(min = 2, max = 7) int n, @ForAll Corruption corruption,
            @ForAll @IntRange(min = 0, max = 10_000) int where) {
        ThresholdParameters p = ThresholdParameters.quorum(n, (n - 1) / 3);
        DiffieHellmanCoin.Dealt dealt = DiffieHellmanCoin.deal(p, random);
        DiffieHellmanCoin coin = dealt.publicKey();
        byte[] tag = tag("corrupt");
        List<Share> all = new ArrayList<>(shares(dealt.holders(), tag));
        int victim = where % n;
        Share good = all.get(victim);
        Share bad = switch (corruption) {
            case FLIP_VALUE_BIT -> Bits.flipped(good, 8 * (VALUE + 1) + where % (8 * 32));
            case FLIP_PROOF_BIT -> Bits.flipped(good, 8 * A1 + where % (8 * Dleq.PROOF_BYTES));
            case FLIP_KEY_ID_BIT -> Bits.flipped(good, where % (8 * KeyIds.BYTES));
            case OTHER_VALID_VALUE -> Bits.withBytes(good, Bits.replace(good.encoded(), VALUE, P256.encode(P256.mulG(BigInteger.valueOf(where + 2)))));
            case VALUE_NOT_ON_CURVE -> Bits.withBytes(good, Bits.replace(good.encoded(), VALUE, P256Test.notOnCurve()));
            case COMMITMENT_NOT_ON_CURVE -> Bits.withBytes(good, Bits.replace(good.encoded(), where % 2 == 0 ? A1 : A2, P256Test.notOnCurve()));
            case RESPONSE_NOT_BELOW_ORDER -> Bits.withBytes(good, Bits.replace(good.encoded(), Z,
                    BigIntegers.asUnsignedByteArray(32, P256.ORDER.add(BigInteger.valueOf(where)))));
            case WRONG_INDEX -> Bits.relabelled(good, (victim + 1 + where % (n - 1)) % n);
            case INDEX_OUT_OF_RANGE -> Bits.relabelled(good, n + where % 5);
            case OTHER_TAG -> dealt.holders().get(victim).share(tag("another tag"));
            case OTHER_KEY -> DiffieHellmanCoin.deal(p, random).holders().get(victim).share(tag);
            case TRUNCATED -> Bits.truncated(good);
            case EXTENDED -> Bits.extended(good);
        };
        List<Problem> expected = switch (corruption) {
            // A flipped bit of a point's x either leaves the curve or lands on another point.
            case FLIP_VALUE_BIT, FLIP_PROOF_BIT -> List.of(Problem.MALFORMED, Problem.BAD_PROOF);
            case FLIP_KEY_ID_BIT, OTHER_KEY -> List.of(Problem.WRONG_KEY);
            case OTHER_VALID_VALUE, WRONG_INDEX, OTHER_TAG -> List.of(Problem.BAD_PROOF);
            case VALUE_NOT_ON_CURVE, COMMITMENT_NOT_ON_CURVE, RESPONSE_NOT_BELOW_ORDER, TRUNCATED, EXTENDED -> List.of(Problem.MALFORMED);
            case INDEX_OUT_OF_RANGE -> List.of(Problem.UNKNOWN_HOLDER);
        };
        ShareVerdict single = coin.verifyShare(tag, bad);
        assertThat(single).isInstanceOf(ShareVerdict.Invalid.class);
        assertThat(((ShareVerdict.Invalid) single).problem()).isIn(expected);
        assertThat(single.index()).isEqualTo(bad.index());

        all.set(victim, bad);
        List<ShareVerdict> batch = coin.verifyShares(tag, all);
        for (int i = 0; i < n; i++) {
            assertThat(batch.get(i).isValid()).as("holder %d", i).isEqualTo(i != victim);
        }
        assertThat(batch.get(victim)).isEqualTo(single);
        // The bad share cannot stand in for a missing good one.
        List<Share> kMinusOneGoodPlusBad = new ArrayList<>();
        for (int i = 0; i < n && kMinusOneGoodPlusBad.size() < p.k() - 1; i++) {
            if (i != victim && !(corruption == Corruption.WRONG_INDEX && i == bad.index())) {
                kMinusOneGoodPlusBad.add(all.get(i));
            }
        }
        kMinusOneGoodPlusBad.add(bad);
        assertThatThrownBy(() -> coin.combine(tag, kMinusOneGoodPlusBad, false)).isInstanceOf(NotEnoughSharesException.class);
    }

    @Test
    void keysAndSecretSharesEncodeAndDecodeStrictly() {
        ThresholdParameters p = ThresholdParameters.quorum(7, 2);
        DiffieHellmanCoin.Dealt dealt = DiffieHellmanCoin.deal(p, random);
        byte[] pub = dealt.publicKey().encode();
        DiffieHellmanCoin decoded = DiffieHellmanCoin.decode(pub);
        assertThat(decoded.encode()).isEqualTo(pub);
        assertThat(decoded.keyId()).isEqualTo(dealt.publicKey().keyId());
        byte[] tag = tag("encodings");
        List<Share> viaDecoded = new ArrayList<>();
        for (DiffieHellmanCoin.Holder h : dealt.holders()) {
            DiffieHellmanCoin.Holder back = decoded.holder(h.encode());
            assertThat(back.index()).isEqualTo(h.index());
            viaDecoded.add(back.share(tag));
        }
        assertThat(decoded.combine(tag, viaDecoded, false)).isEqualTo(dealt.publicKey().combine(tag, shares(dealt.holders(), tag), false));

        for (int bit = 0; bit < pub.length * 8; bit += 7) {
            byte[] damaged = Bits.flip(pub, bit);
            assertThatThrownBy(() -> DiffieHellmanCoin.decode(damaged)).isInstanceOf(MalformedEncodingException.class);
        }
        assertThatThrownBy(() -> DiffieHellmanCoin.decode(java.util.Arrays.copyOf(pub, pub.length - 1)))
                .isInstanceOf(MalformedEncodingException.class).hasMessageContaining("truncated");
        assertThatThrownBy(() -> DiffieHellmanCoin.decode(java.util.Arrays.copyOf(pub, pub.length + 1)))
                .isInstanceOf(MalformedEncodingException.class).hasMessageContaining("trailing");
        // A verification key off the polynomial (a forged key file) is refused.
        byte[] swapped = pub.clone();
        int vk0 = pub.length - 7 * P256.POINT_BYTES;
        byte[] other = P256.encode(P256.mulG(BigInteger.valueOf(12345)));
        System.arraycopy(other, 0, swapped, vk0, other.length);
        assertThatThrownBy(() -> DiffieHellmanCoin.decode(swapped)).isInstanceOf(MalformedEncodingException.class)
                .hasMessageContaining("interpolate");

        byte[] secret = dealt.holders().get(3).encode();
        assertThatThrownBy(() -> DiffieHellmanCoin.deal(p, random).publicKey().holder(secret))
                .isInstanceOf(MalformedEncodingException.class).hasMessageContaining("belongs to key");
        byte[] wrongValue = Bits.flip(secret, secret.length * 8 - 1);
        assertThatThrownBy(() -> decoded.holder(wrongValue)).isInstanceOf(MalformedEncodingException.class)
                .hasMessageContaining("verification key");
        assertThatThrownBy(() -> decoded.holder(java.util.Arrays.copyOf(secret, secret.length + 1)))
                .isInstanceOf(MalformedEncodingException.class);
    }

    @Test
    void coinBitIsTheLowBitOfTheValue() {
        DiffieHellmanCoin.Dealt dealt = DiffieHellmanCoin.deal(ThresholdParameters.quorum(4, 1), random);
        int ones = 0;
        for (int r = 0; r < 24; r++) {
            byte[] tag = tag("bit" + r);
            byte[] v = dealt.publicKey().combine(tag, shares(dealt.holders(), tag), false);
            ones += ThresholdCoin.bit(v) ? 1 : 0;
        }
        // 24 fair coins: all equal has probability 2^-23.
        assertThat(ones).isBetween(1, 23);
    }

    static BigInteger secret(DiffieHellmanCoin.Holder h) {
        byte[] e = h.encode();
        return new BigInteger(1, java.util.Arrays.copyOfRange(e, e.length - 32, e.length));
    }
}
