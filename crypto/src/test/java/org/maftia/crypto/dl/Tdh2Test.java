package org.maftia.crypto.dl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;
import org.maftia.crypto.CryptoException;
import org.maftia.crypto.MalformedEncodingException;
import org.maftia.crypto.NotEnoughSharesException;
import org.maftia.crypto.Share;
import org.maftia.crypto.ShareVerdict;
import org.maftia.crypto.ShareVerdict.Problem;
import org.maftia.crypto.ThresholdParameters;
import org.maftia.crypto.codec.ByteWriter;
import org.maftia.crypto.codec.KeyIds;
import org.maftia.crypto.testing.Bits;
import org.maftia.crypto.testing.Subsets;

class Tdh2Test {

    private final SecureRandom random = new SecureRandom();

    private static List<Share> decryptShares(List<Tdh2.Holder> holders, byte[] ct) {
        return holders.stream().map(h -> h.decryptShare(ct)).toList();
    }

    @Property(tries = 25)
    void anyKDecryptionSharesRecoverThePayloadAndKMinusOneDoNot(@ForAll @IntRange(min = 1, max = 10) int n,
            @ForAll @IntRange(min = 0, max = 3) int faults, @ForAll int kind, @ForAll long seed,
            @ForAll @Size(max = 300) byte[] payload, @ForAll @Size(max = 40) byte[] label) {
        ThresholdParameters p = Subsets.parameters(n, faults, kind);
        Tdh2.Dealt dealt = Tdh2.deal(p, random);
        Tdh2 tdh2 = dealt.publicKey();
        byte[] ct = tdh2.encrypt(payload, label, random);
        assertThat(tdh2.isValidCiphertext(ct)).isTrue();
        assertThat(tdh2.labelOf(ct)).isEqualTo(label);
        List<Share> all = decryptShares(dealt.holders(), ct);
        assertThat(tdh2.verifyShares(ct, all)).allMatch(ShareVerdict::isValid);
        all.forEach(s -> assertThat(tdh2.verifyShare(ct, s).isValid()).isTrue());

        List<Share> chosen = Subsets.pick(all, Subsets.shuffled(n, seed), p.k());
        assertThat(tdh2.combine(ct, chosen, false)).isEqualTo(payload);
        assertThat(tdh2.combine(ct, chosen, true)).isEqualTo(payload);
        assertThatThrownBy(() -> tdh2.combine(ct, chosen.subList(0, p.k() - 1), false)).isInstanceOf(NotEnoughSharesException.class);
        // Encryption is randomised: the same payload encrypts differently each time.
        assertThat(tdh2.encrypt(payload, label, random)).isNotEqualTo(ct);
    }

    @Test
    void everyTamperedByteOfTheCiphertextIsRejectedAndNoShareIsReleased() {
        Tdh2.Dealt dealt = Tdh2.deal(ThresholdParameters.onePlusFaults(4, 1), random);
        Tdh2 tdh2 = dealt.publicKey();
        byte[] ct = tdh2.encrypt("pay 100 to bob".getBytes(StandardCharsets.UTF_8), "scabc/7".getBytes(StandardCharsets.UTF_8), random);
        for (int i = 0; i < ct.length; i++) {
            byte[] tampered = Bits.flip(ct, 8 * i + random.nextInt(8));
            assertThat(tdh2.isValidCiphertext(tampered)).as("byte %d", i).isFalse();
            assertThatThrownBy(() -> dealt.holders().get(0).decryptShare(tampered)).isInstanceOf(CryptoException.class)
                    .hasMessageContaining("no decryption share");
            List<Share> shares = decryptShares(dealt.holders().subList(0, 2), ct);
            assertThatThrownBy(() -> tdh2.combine(tampered, shares, true)).isInstanceOf(CryptoException.class);
        }
        assertThat(tdh2.isValidCiphertext(Arrays.copyOf(ct, ct.length - 1))).isFalse();
        assertThat(tdh2.isValidCiphertext(Arrays.copyOf(ct, ct.length + 1))).isFalse();
        assertThat(tdh2.isValidCiphertext(new byte[0])).isFalse();
        assertThatThrownBy(() -> tdh2.labelOf(new byte[3])).isInstanceOf(MalformedEncodingException.class);
    }

    @Test
    void aCiphertextWithAnotherLabelIsRejected() {
        Tdh2.Dealt dealt = Tdh2.deal(ThresholdParameters.onePlusFaults(4, 1), random);
        Tdh2 tdh2 = dealt.publicKey();
        byte[] label = "label-A".getBytes(StandardCharsets.UTF_8);
        byte[] ct = tdh2.encrypt(new byte[] {1, 2, 3}, label, random);
        for (String other : List.of("label-B", "label-AA", "", "label-")) {
            byte[] relabelled = relabel(ct, label.length, other.getBytes(StandardCharsets.UTF_8));
            assertThat(tdh2.labelOf(relabelled)).isEqualTo(other.getBytes(StandardCharsets.UTF_8));
            assertThat(tdh2.isValidCiphertext(relabelled)).as(other).isFalse();
            assertThatThrownBy(() -> dealt.holders().get(1).decryptShare(relabelled)).isInstanceOf(CryptoException.class);
        }
        // Another key cannot decrypt (or even accept) it.
        Tdh2.Dealt otherKey = Tdh2.deal(ThresholdParameters.onePlusFaults(4, 1), random);
        assertThat(otherKey.publicKey().isValidCiphertext(ct)).isFalse();
    }

    enum Corruption {
        FLIP_VALUE_BIT, FLIP_PROOF_BIT, OTHER_CIPHERTEXT, OTHER_KEY, WRONG_INDEX, INDEX_OUT_OF_RANGE, VALUE_NOT_ON_CURVE, TRUNCATED, EXTENDED
    }

    @Property(tries = 50)
    void everyCorruptedDecryptionShareIsCaughtAndNamed(@ForAll Corruption corruption, @ForAll @IntRange(min = 0, max = 10_000) int where) {
        int n = 4;
        ThresholdParameters p = ThresholdParameters.onePlusFaults(n, 1);
        Tdh2.Dealt dealt = Tdh2.deal(p, random);
        Tdh2 tdh2 = dealt.publicKey();
        byte[] ct = tdh2.encrypt(new byte[] {42}, new byte[] {7}, random);
        List<Share> all = new ArrayList<>(decryptShares(dealt.holders(), ct));
        int victim = where % n;
        Share good = all.get(victim);
        Share bad = switch (corruption) {
            case FLIP_VALUE_BIT -> Bits.flipped(good, 8 * (KeyIds.BYTES + 1) + where % 256);
            case FLIP_PROOF_BIT -> Bits.flipped(good, 8 * (KeyIds.BYTES + P256.POINT_BYTES) + where % (8 * Dleq.PROOF_BYTES));
            case OTHER_CIPHERTEXT -> dealt.holders().get(victim).decryptShare(tdh2.encrypt(new byte[] {42}, new byte[] {7}, random));
            case OTHER_KEY -> {
                Tdh2.Dealt other = Tdh2.deal(p, random);
                yield other.holders().get(victim).decryptShare(other.publicKey().encrypt(new byte[] {1}, new byte[0], random));
            }
            case WRONG_INDEX -> Bits.relabelled(good, (victim + 1) % n);
            case INDEX_OUT_OF_RANGE -> Bits.relabelled(good, n);
            case VALUE_NOT_ON_CURVE -> Bits.withBytes(good, Bits.replace(good.encoded(), KeyIds.BYTES, P256Test.notOnCurve()));
            case TRUNCATED -> Bits.truncated(good);
            case EXTENDED -> Bits.extended(good);
        };
        List<Problem> expected = switch (corruption) {
            case FLIP_VALUE_BIT, FLIP_PROOF_BIT -> List.of(Problem.MALFORMED, Problem.BAD_PROOF);
            case OTHER_CIPHERTEXT, WRONG_INDEX -> List.of(Problem.BAD_PROOF);
            case OTHER_KEY -> List.of(Problem.WRONG_KEY);
            case INDEX_OUT_OF_RANGE -> List.of(Problem.UNKNOWN_HOLDER);
            case VALUE_NOT_ON_CURVE, TRUNCATED, EXTENDED -> List.of(Problem.MALFORMED);
        };
        ShareVerdict v = tdh2.verifyShare(ct, bad);
        assertThat(v).isInstanceOf(ShareVerdict.Invalid.class);
        assertThat(((ShareVerdict.Invalid) v).problem()).isIn(expected);
        all.set(victim, bad);
        List<ShareVerdict> batch = tdh2.verifyShares(ct, all);
        for (int i = 0; i < n; i++) {
            assertThat(batch.get(i).isValid()).isEqualTo(i != victim);
        }
        // With the bad share and k-1 good ones there is nothing to decrypt with.
        List<Share> kMinusOnePlusBad = new ArrayList<>();
        for (int i = 0; i < n && kMinusOnePlusBad.size() < p.k() - 1; i++) {
            if (i != victim && i != bad.index()) {
                kMinusOnePlusBad.add(all.get(i));
            }
        }
        kMinusOnePlusBad.add(bad);
        assertThatThrownBy(() -> tdh2.combine(ct, kMinusOnePlusBad, false)).isInstanceOf(NotEnoughSharesException.class);
    }

    @Test
    void keysEncodeAndDecodeStrictly() {
        Tdh2.Dealt dealt = Tdh2.deal(ThresholdParameters.onePlusFaults(7, 2), random);
        byte[] pub = dealt.publicKey().encode();
        Tdh2 decoded = Tdh2.decode(pub);
        byte[] ct = decoded.encrypt(new byte[] {5, 6}, new byte[0], random);
        List<Share> shares = new ArrayList<>();
        for (Tdh2.Holder h : dealt.holders().subList(2, 5)) {
            shares.add(decoded.holder(h.encode()).decryptShare(ct));
        }
        assertThat(dealt.publicKey().combine(ct, shares, false)).containsExactly(5, 6);
        assertThatThrownBy(() -> DiffieHellmanCoin.decode(pub)).isInstanceOf(MalformedEncodingException.class)
                .hasMessageContaining("format");
        for (int bit = 3; bit < pub.length * 8; bit += 11) {
            byte[] damaged = Bits.flip(pub, bit);
            assertThatThrownBy(() -> Tdh2.decode(damaged)).isInstanceOf(MalformedEncodingException.class);
        }
        byte[] secret = dealt.holders().get(0).encode();
        assertThatThrownBy(() -> decoded.holder(Arrays.copyOf(secret, secret.length - 1))).isInstanceOf(MalformedEncodingException.class);
    }

    @Test
    void verifyingAShareAgainstGarbageIsAClearError() {
        Tdh2.Dealt dealt = Tdh2.deal(ThresholdParameters.onePlusFaults(4, 1), random);
        byte[] ct = dealt.publicKey().encrypt(new byte[] {1}, new byte[0], random);
        Share s = dealt.holders().get(0).decryptShare(ct);
        assertThatThrownBy(() -> dealt.publicKey().verifyShare(new byte[10], s)).isInstanceOf(MalformedEncodingException.class)
                .hasMessageContaining("TDH2 ciphertext");
    }

    /** The ciphertext with its label replaced (version byte, key id, then the length-prefixed label). */
    private static byte[] relabel(byte[] ct, int oldLabelLength, byte[] newLabel) {
        int labelAt = 1 + KeyIds.BYTES;
        byte[] head = Arrays.copyOf(ct, labelAt);
        byte[] tail = Arrays.copyOfRange(ct, labelAt + 4 + oldLabelLength, ct.length);
        return new ByteWriter().raw(head).prefixed(newLabel).raw(tail).toByteArray();
    }
}
