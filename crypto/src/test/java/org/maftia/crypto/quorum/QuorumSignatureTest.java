package org.maftia.crypto.quorum;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.maftia.crypto.testing.ShareTampering.extended;
import static org.maftia.crypto.testing.ShareTampering.flipBit;
import static org.maftia.crypto.testing.ShareTampering.garbage;
import static org.maftia.crypto.testing.ShareTampering.randomHolders;
import static org.maftia.crypto.testing.ShareTampering.truncated;
import static org.maftia.crypto.testing.ShareTampering.withIndex;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import org.maftia.crypto.MalformedEncodingException;
import org.maftia.crypto.NotEnoughSharesException;
import org.maftia.crypto.Share;
import org.maftia.crypto.ShareVerdict;
import org.maftia.crypto.ShareVerdict.Problem;
import org.maftia.crypto.ThresholdParameters;
import org.maftia.crypto.ThresholdSignatures;
import org.maftia.crypto.codec.ShareHeader;

class QuorumSignatureTest {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final byte[] MESSAGE = "main-vote 3 abstain".getBytes(StandardCharsets.UTF_8);
    private static final byte[] OTHER = "main-vote 3 1".getBytes(StandardCharsets.UTF_8);

    private final QuorumDealer.Keys keys = QuorumDealer.generate(ThresholdParameters.quorum(7, 2), RANDOM);
    private final QuorumPublicKey group = keys.publicKey();

    private List<Share> shares(byte[] message, List<Integer> holders) {
        return holders.stream().map(i -> keys.signers().get(i).sign(message)).toList();
    }

    @Property(tries = 60)
    void anyKOfNValidSharesCombineToASignatureThatVerifies(
            @ForAll @IntRange(min = 1, max = 10) int n, @ForAll @IntRange(min = 0, max = 9) int t,
            @ForAll @IntRange(min = 0, max = 9) int extra, @ForAll long seed) {
        Assume.that(t < n);
        int k = t + 1 + extra % (n - t);
        ThresholdParameters p = new ThresholdParameters(n, k, t);
        QuorumDealer.Keys dealt = QuorumDealer.generate(p, RANDOM);
        List<Share> chosen = randomHolders(n, k, seed).stream().map(i -> dealt.signers().get(i).sign(MESSAGE)).toList();

        assertThat(dealt.publicKey().verifyShares(MESSAGE, chosen)).allMatch(ShareVerdict::isValid);
        byte[] signature = dealt.publicKey().combine(MESSAGE, chosen, false);
        assertThat(dealt.publicKey().verify(MESSAGE, signature)).isTrue();
        assertThat(dealt.publicKey().combine(MESSAGE, chosen, true)).isEqualTo(signature);
        assertThat(dealt.publicKey().verify(OTHER, signature)).isFalse();
        assertThat(signature).hasSize(2 + (n + 7) / 8 + 64 * k);

        List<Share> fewer = chosen.subList(0, k - 1);
        assertThatThrownBy(() -> dealt.publicKey().combine(MESSAGE, fewer, false))
                .isInstanceOf(NotEnoughSharesException.class).hasMessageContaining("need " + k);
    }

    @Test
    void kMinusOneSharesPlusRepeatsOfThemAreNotEnough() {
        List<Share> five = new ArrayList<>(shares(MESSAGE, List.of(0, 1, 2, 3)));
        five.add(keys.signers().get(3).sign(MESSAGE)); // the same holder twice counts once
        assertThatThrownBy(() -> group.combine(MESSAGE, five, false)).isInstanceOf(NotEnoughSharesException.class)
                .hasMessageContaining("got 4");
        assertThatThrownBy(() -> group.combine(MESSAGE, five, true)).isInstanceOf(NotEnoughSharesException.class);
    }

    @Test
    void everyKindOfCorruptedShareIsCaughtAndNamed() {
        Share good = keys.signers().get(2).sign(MESSAGE);
        QuorumDealer.Keys otherGroup = QuorumDealer.generate(ThresholdParameters.quorum(7, 2), RANDOM);
        int sig = ShareHeader.LENGTH;

        assertThat(group.verifyShare(MESSAGE, good)).isEqualTo(ShareVerdict.valid(2));
        assertProblem(flipBit(good, sig + 3, 0), Problem.BAD_PROOF);          // R of the signature
        assertProblem(flipBit(good, sig + 40, 5), Problem.BAD_PROOF);         // S of the signature
        assertProblem(withIndex(good, 3), Problem.BAD_PROOF);                 // another holder's slot
        assertProblem(withIndex(good, 7), Problem.UNKNOWN_HOLDER);
        assertProblem(keys.signers().get(2).sign(OTHER), Problem.BAD_PROOF);  // another message
        assertProblem(otherGroup.signers().get(2).sign(MESSAGE), Problem.WRONG_KEY);
        assertProblem(truncated(good, 1), Problem.MALFORMED);
        assertProblem(truncated(good, good.encoded().length - 3), Problem.MALFORMED);
        assertProblem(extended(good, 1), Problem.MALFORMED);
        assertProblem(garbage(2, good.encoded().length, 1), Problem.MALFORMED);
        assertProblem(new Share(2, new byte[0]), Problem.MALFORMED);
        assertProblem(flipBit(good, 1, 0), Problem.MALFORMED);                // kind byte
        assertProblem(flipBit(good, 4, 0), Problem.WRONG_KEY);                // key id
        Share rsaShaped = new Share(2, concat(new byte[] {ThresholdSignatures.SHOUP_RSA_CODE}, Arrays.copyOfRange(good.encoded(), 1, 74)));
        assertProblem(rsaShaped, Problem.WRONG_KEY);
    }

    private void assertProblem(Share share, Problem problem) {
        ShareVerdict verdict = group.verifyShare(MESSAGE, share);
        assertThat(verdict).isInstanceOfSatisfying(ShareVerdict.Invalid.class, invalid -> {
            assertThat(invalid.problem()).as(invalid.detail()).isEqualTo(problem);
            assertThat(invalid.index()).isEqualTo(share.index());
        });
        assertThat(group.verifyShares(MESSAGE, List.of(share))).containsExactly(verdict);
    }

    @Test
    void invalidSharesMixedInAreSkippedWhenKValidOnesArePresent() {
        List<Share> mixed = new ArrayList<>();
        mixed.add(flipBit(keys.signers().get(0).sign(MESSAGE), ShareHeader.LENGTH, 0)); // bad holder 0
        mixed.add(keys.signers().get(1).sign(OTHER));                                   // wrong message from 1
        mixed.add(garbage(6, 74, 7));
        mixed.add(withIndex(keys.signers().get(5).sign(MESSAGE), 9));
        mixed.addAll(shares(MESSAGE, List.of(2, 3, 4, 5)));
        mixed.add(keys.signers().get(6).sign(MESSAGE)); // more than k: ignored

        byte[] signature = group.combine(MESSAGE, mixed, false);
        assertThat(group.verify(MESSAGE, signature)).isTrue();
        // Signers are exactly the first k valid holders: no faulty holder is named in the certificate.
        assertThat(QuorumCertificate.decode(group.parameters(), signature).orElseThrow().signatures().keySet())
                .containsExactly(2, 3, 4, 5, 6).doesNotContain(0, 1);
    }

    @Test
    void aSignatureOnAnotherMessageOrUnderAnotherKeyDoesNotVerify() {
        byte[] signature = group.combine(MESSAGE, shares(MESSAGE, List.of(0, 1, 2, 3, 4)), false);
        assertThat(group.verify(MESSAGE, signature)).isTrue();
        assertThat(group.verify(OTHER, signature)).isFalse();
        QuorumDealer.Keys otherGroup = QuorumDealer.generate(ThresholdParameters.quorum(7, 2), RANDOM);
        assertThat(otherGroup.publicKey().verify(MESSAGE, signature)).isFalse();
    }

    @Test
    void malformedSignaturesAreRejectedWithoutException() {
        byte[] signature = group.combine(MESSAGE, shares(MESSAGE, List.of(0, 1, 2, 3, 4)), false);
        int bitmap = 2;
        assertThat(group.verify(MESSAGE, Arrays.copyOf(signature, signature.length - 1))).isFalse();
        assertThat(group.verify(MESSAGE, Arrays.copyOf(signature, signature.length + 1))).isFalse();
        assertThat(group.verify(MESSAGE, new byte[0])).isFalse();
        assertThat(group.verify(MESSAGE, null)).isFalse();
        assertThat(group.verify(MESSAGE, flipBit(signature, 0, 1))).isFalse();            // scheme code
        assertThat(group.verify(MESSAGE, flipBit(signature, 1, 1))).isFalse();            // kind
        assertThat(group.verify(MESSAGE, flipBit(signature, bitmap, 5))).isFalse();       // a sixth signer bit
        assertThat(group.verify(MESSAGE, flipBit(signature, bitmap, 7))).isFalse();       // padding bit: holder 7 of 7
        assertThat(group.verify(MESSAGE, flipBit(signature, bitmap, 4))).isFalse();       // a signer fewer
        assertThat(group.verify(MESSAGE, flipBit(signature, signature.length - 1, 0))).isFalse();
        // The same holder's signature twice cannot be expressed; swapping two signatures breaks the order binding.
        byte[] swapped = signature.clone();
        System.arraycopy(signature, 3, swapped, 3 + 64, 64);
        System.arraycopy(signature, 3 + 64, swapped, 3, 64);
        assertThat(group.verify(MESSAGE, swapped)).isFalse();
        byte[] duplicated = signature.clone();
        System.arraycopy(signature, 3, duplicated, 3 + 64, 64); // holder 0's signature in holder 1's slot
        assertThat(group.verify(MESSAGE, duplicated)).isFalse();
        byte[] random = new byte[signature.length];
        new java.util.Random(3).nextBytes(random);
        assertThat(group.verify(MESSAGE, random)).isFalse();
    }

    @Test
    void publicAndPrivateKeysRoundTripThroughTheirEncodings() {
        QuorumPublicKey decoded = QuorumPublicKey.decode(group.encode());
        assertThat(decoded).isEqualTo(group);
        assertThat(decoded.fingerprint()).isEqualTo(group.fingerprint());
        assertThat(decoded.parameters()).isEqualTo(new ThresholdParameters(7, 5, 2));
        for (QuorumSigner signer : keys.signers()) {
            QuorumSigner back = QuorumSigner.decode(signer.encode());
            assertThat(back.index()).isEqualTo(signer.index());
            assertThat(back.publicKey()).isEqualTo(group);
            // Ed25519 is deterministic: the decoded key makes the same share.
            assertThat(back.sign(MESSAGE)).isEqualTo(signer.sign(MESSAGE));
        }
        assertThat(ThresholdSignatures.decodePublicKey("ed25519-quorum", group.encode())).isEqualTo(group);
        assertThat(ThresholdSignatures.decodePrivateKey("ed25519-quorum", keys.signers().get(3).encode(), RANDOM).index()).isEqualTo(3);
    }

    @Test
    void malformedKeyEncodingsAreRefused() {
        byte[] encoded = group.encode();
        assertMalformed(Arrays.copyOf(encoded, encoded.length - 1));
        assertMalformed(Arrays.copyOf(encoded, encoded.length + 1));
        assertMalformed(flipBit(encoded, 0, 0));
        byte[] badParameters = encoded.clone();
        badParameters[5] = 9; // k = 9 > n = 7
        assertMalformed(badParameters);
        byte[] repeated = encoded.clone();
        System.arraycopy(encoded, 8, repeated, 8 + 32, 32); // holder 1 gets holder 0's key
        assertMalformed(repeated);
        byte[] smallOrder = encoded.clone();
        smallOrder[8] = 1; // the identity point (y = 1), small order
        Arrays.fill(smallOrder, 9, 40, (byte) 0);
        assertMalformed(smallOrder);

        byte[] privateKey = keys.signers().get(1).encode();
        byte[] wrongHolder = privateKey.clone();
        wrongHolder[3] = 2; // claims to be holder 2 with holder 1's secret
        assertThatThrownBy(() -> QuorumSigner.decode(wrongHolder)).isInstanceOf(MalformedEncodingException.class)
                .hasMessageContaining("holder 2");
        assertThatThrownBy(() -> QuorumSigner.decode(Arrays.copyOf(privateKey, 20))).isInstanceOf(MalformedEncodingException.class);
    }

    private static void assertMalformed(byte[] encoded) {
        assertThatThrownBy(() -> QuorumPublicKey.decode(encoded)).isInstanceOf(MalformedEncodingException.class);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
