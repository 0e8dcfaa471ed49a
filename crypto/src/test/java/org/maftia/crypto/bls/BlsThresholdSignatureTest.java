package org.maftia.crypto.bls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import org.maftia.crypto.MalformedEncodingException;
import org.maftia.crypto.NotEnoughSharesException;
import org.maftia.crypto.Share;
import org.maftia.crypto.ShareVerdict;
import org.maftia.crypto.ShareVerdict.Problem;
import org.maftia.crypto.Tag;
import org.maftia.crypto.ThresholdParameters;
import org.maftia.crypto.codec.KeyIds;
import org.maftia.crypto.testing.Bits;
import org.maftia.crypto.testing.Subsets;
import supranational.blst.P1_Affine;

class BlsThresholdSignatureTest {

    private final SecureRandom random = new SecureRandom();

    private static byte[] message(String what) {
        return Tag.of("pre-vote", "abba-3", "group-1", what.getBytes(StandardCharsets.UTF_8));
    }

    static BigInteger secret(BlsThresholdSignature.Signer s) {
        byte[] e = s.encode();
        return new BigInteger(1, Arrays.copyOfRange(e, e.length - 32, e.length));
    }

    static BigInteger groupSecret(List<BlsThresholdSignature.Signer> signers, int k) {
        int[] idx = IntStream.range(0, k).toArray();
        return BlsThresholdSignature.SHAMIR.interpolateAtZero(idx, signers.subList(0, k).stream().map(BlsThresholdSignatureTest::secret)
                .toArray(BigInteger[]::new));
    }

    @Property(tries = 15)
    void anyKSharesCombineToTheUniqueGroupSignature(@ForAll @IntRange(min = 1, max = 10) int n,
            @ForAll @IntRange(min = 0, max = 3) int faults, @ForAll int kind, @ForAll long seed) {
        ThresholdParameters p = Subsets.parameters(n, faults, kind);
        BlsThresholdSignature.Dealt dealt = BlsThresholdSignature.deal(p, random);
        BlsThresholdSignature key = dealt.publicKey();
        byte[] m = message("v" + seed);
        List<Share> all = dealt.signers().stream().map(s -> s.sign(m)).toList();
        assertThat(key.verifyShares(m, all)).allMatch(ShareVerdict::isValid);

        List<Share> chosen = Subsets.pick(all, Subsets.shuffled(n, seed), p.k());
        byte[] sig = key.combine(m, chosen, false);
        assertThat(sig).hasSize(48);
        assertThat(key.verify(m, sig)).isTrue();
        assertThat(key.verify(message("other"), sig)).isFalse();
        assertThat(key.combine(m, Subsets.pick(all, Subsets.shuffled(n, seed + 7), p.k()), true)).isEqualTo(sig);
        // The combination is the plain BLS signature of the group secret, verifiable by the plain ciphersuite.
        assertThat(sig).isEqualTo(Bls.sign(groupSecret(dealt.signers(), p.k()), m));
        assertThat(Bls.verify(key.groupPublicKey(), m, sig)).isTrue();
        assertThatThrownBy(() -> key.combine(m, chosen.subList(0, p.k() - 1), false)).isInstanceOf(NotEnoughSharesException.class);
    }

    enum Corruption {
        FLIP_BIT, NOT_IN_SUBGROUP, IDENTITY, UNCOMPRESSED_FLAG, OTHER_MESSAGE, OTHER_KEY, FLIP_KEY_ID, WRONG_INDEX, INDEX_OUT_OF_RANGE,
        TRUNCATED, EXTENDED
    }

    @Property(tries = 50)
    void everyCorruptedShareIsCaughtAndNamed(@ForAll Corruption corruption, @ForAll @IntRange(min = 0, max = 10_000) int where) {
        int n = 4;
        ThresholdParameters p = ThresholdParameters.quorum(n, 1);
        BlsThresholdSignature.Dealt dealt = BlsThresholdSignature.deal(p, random);
        BlsThresholdSignature key = dealt.publicKey();
        byte[] m = message("corrupt");
        List<Share> all = new ArrayList<>(dealt.signers().stream().map(s -> s.sign(m)).toList());
        int victim = where % n;
        Share good = all.get(victim);
        int sigAt = KeyIds.BYTES;
        Share bad = switch (corruption) {
            case FLIP_BIT -> Bits.flipped(good, 8 * (sigAt + 1) + where % (8 * 47));
            case NOT_IN_SUBGROUP -> Bits.withBytes(good, Bits.replace(good.encoded(), sigAt, notInSubgroup()));
            case IDENTITY -> {
                byte[] inf = new byte[48];
                inf[0] = (byte) 0xC0;
                yield Bits.withBytes(good, Bits.replace(good.encoded(), sigAt, inf));
            }
            case UNCOMPRESSED_FLAG -> Bits.flipped(good, 8 * sigAt + 7);
            case OTHER_MESSAGE -> dealt.signers().get(victim).sign(message("something else"));
            case OTHER_KEY -> BlsThresholdSignature.deal(p, random).signers().get(victim).sign(m);
            case FLIP_KEY_ID -> Bits.flipped(good, where % 64);
            case WRONG_INDEX -> Bits.relabelled(good, (victim + 1) % n);
            case INDEX_OUT_OF_RANGE -> Bits.relabelled(good, n + where % 3);
            case TRUNCATED -> Bits.truncated(good);
            case EXTENDED -> Bits.extended(good);
        };
        List<Problem> expected = switch (corruption) {
            case FLIP_BIT -> List.of(Problem.MALFORMED, Problem.BAD_PROOF);
            case NOT_IN_SUBGROUP, IDENTITY, UNCOMPRESSED_FLAG, TRUNCATED, EXTENDED -> List.of(Problem.MALFORMED);
            case OTHER_MESSAGE, WRONG_INDEX -> List.of(Problem.BAD_PROOF);
            case OTHER_KEY, FLIP_KEY_ID -> List.of(Problem.WRONG_KEY);
            case INDEX_OUT_OF_RANGE -> List.of(Problem.UNKNOWN_HOLDER);
        };
        ShareVerdict v = key.verifyShare(m, bad);
        assertThat(v).isInstanceOf(ShareVerdict.Invalid.class);
        assertThat(((ShareVerdict.Invalid) v).problem()).isIn(expected);
        all.set(victim, bad);
        List<ShareVerdict> batch = key.verifyShares(m, all);
        for (int i = 0; i < n; i++) {
            assertThat(batch.get(i).isValid()).as("holder %d", i).isEqualTo(i != victim);
        }
        assertThat(batch.get(victim)).isEqualTo(v);
        List<Share> others = new ArrayList<>();
        for (int i = 0; i < n && others.size() < p.k() - 1; i++) {
            if (i != victim && i != bad.index()) {
                others.add(all.get(i));
            }
        }
        others.add(bad);
        assertThatThrownBy(() -> key.combine(m, others, false)).isInstanceOf(NotEnoughSharesException.class);
    }

    @Test
    void keysEncodeAndDecodeStrictly() {
        BlsThresholdSignature.Dealt dealt = BlsThresholdSignature.deal(ThresholdParameters.quorum(7, 2), random);
        byte[] pub = dealt.publicKey().encode();
        BlsThresholdSignature decoded = BlsThresholdSignature.decode(pub);
        assertThat(decoded.keyId()).isEqualTo(dealt.publicKey().keyId());
        byte[] m = message("encoded");
        List<Share> shares = new ArrayList<>();
        for (BlsThresholdSignature.Signer s : dealt.signers().subList(1, 6)) {
            shares.add(decoded.signer(s.encode()).sign(m));
        }
        assertThat(dealt.publicKey().verify(m, decoded.combine(m, shares, false))).isTrue();
        for (int bit = 5; bit < pub.length * 8; bit += 37) {
            byte[] damaged = Bits.flip(pub, bit);
            assertThatThrownBy(() -> BlsThresholdSignature.decode(damaged)).isInstanceOf(MalformedEncodingException.class);
        }
        assertThatThrownBy(() -> BlsThresholdSignature.decode(Arrays.copyOf(pub, pub.length + 1))).isInstanceOf(MalformedEncodingException.class);
        byte[] secret = dealt.signers().get(2).encode();
        assertThatThrownBy(() -> decoded.signer(Bits.flip(secret, secret.length * 8 - 1))).isInstanceOf(MalformedEncodingException.class)
                .hasMessageContaining("verification key");
        byte[] tooBig = Bits.replace(secret, secret.length - 32, org.bouncycastle.util.BigIntegers.asUnsignedByteArray(32, Blst.R));
        assertThatThrownBy(() -> decoded.signer(tooBig)).isInstanceOf(MalformedEncodingException.class).hasMessageContaining("order r");
        assertThatThrownBy(() -> BlsThresholdSignature.deal(ThresholdParameters.quorum(7, 2), random).publicKey().signer(secret))
                .isInstanceOf(MalformedEncodingException.class).hasMessageContaining("belongs to key");
        assertThat(dealt.publicKey().verify(m, new byte[47])).isFalse();
        assertThat(dealt.publicKey().verify(m, notInSubgroup())).isFalse();
    }

    /** A compressed encoding of a point on the G1 curve outside the prime-order subgroup. */
    static byte[] notInSubgroup() {
        SecureRandom r = new SecureRandom();
        while (true) {
            byte[] b = new byte[48];
            r.nextBytes(b);
            b[0] = (byte) (0x80 | (b[0] & 0x0F));
            try {
                P1_Affine p = new P1_Affine(b);
                if (p.on_curve() && !p.in_group()) {
                    return b;
                }
            } catch (RuntimeException notOnCurve) {
                // try another x
            }
        }
    }
}
