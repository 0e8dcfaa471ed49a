package org.maftia.crypto.rsa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.maftia.crypto.testing.ShareTampering.extended;
import static org.maftia.crypto.testing.ShareTampering.flipBit;
import static org.maftia.crypto.testing.ShareTampering.garbage;
import static org.maftia.crypto.testing.ShareTampering.randomHolders;
import static org.maftia.crypto.testing.ShareTampering.truncated;
import static org.maftia.crypto.testing.ShareTampering.withIndex;

import java.math.BigInteger;
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
import org.maftia.crypto.codec.ByteWriter;
import org.maftia.crypto.codec.ShareHeader;
import org.maftia.crypto.quorum.QuorumDealer;

class ShoupSignatureTest {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final byte[] MESSAGE = "pre-vote 2 0".getBytes(StandardCharsets.UTF_8);
    private static final byte[] OTHER = "pre-vote 2 1".getBytes(StandardCharsets.UTF_8);

    /** (7, 5, 2): k > t+1, so Shoup's Protocol 2 (section 5). */
    private final ShoupDealer.Keys keys = deal(ThresholdParameters.quorum(7, 2));
    private final ShoupPublicKey group = keys.publicKey();

    private static ShoupDealer.Keys deal(ThresholdParameters p) {
        return ShoupDealer.fromSafePrimes(TestSafePrimes.P256_A, TestSafePrimes.Q256_A, p, RANDOM);
    }

    private List<Share> shares(byte[] message, List<Integer> holders) {
        return holders.stream().map(i -> keys.signers().get(i).sign(message)).toList();
    }

    /** The RSA signature y with y^e = H(M) is unique: what any k shares must combine to. */
    private static BigInteger expectedSignature(ShoupPublicKey key, BigInteger p, BigInteger q, byte[] message) {
        BigInteger phi = p.subtract(BigInteger.ONE).multiply(q.subtract(BigInteger.ONE));
        return key.hash(message).modPow(key.publicExponent().modInverse(phi), key.modulus());
    }

    private static BigInteger signatureValue(byte[] signature) {
        return new BigInteger(1, Arrays.copyOfRange(signature, 2, signature.length));
    }

    @Property(tries = 40)
    void anyKOfNValidSharesCombineToTheUniqueRsaSignature(
            @ForAll @IntRange(min = 1, max = 7) int n, @ForAll @IntRange(min = 0, max = 6) int t,
            @ForAll @IntRange(min = 0, max = 6) int extra, @ForAll long seed) {
        Assume.that(t < n);
        int k = t + 1 + extra % (n - t);
        ShoupDealer.Keys dealt = deal(new ThresholdParameters(n, k, t));
        ShoupPublicKey key = dealt.publicKey();
        byte[] message = ("message " + seed).getBytes(StandardCharsets.UTF_8);
        List<Share> chosen = randomHolders(n, k, seed).stream().map(i -> dealt.signers().get(i).sign(message)).toList();

        assertThat(key.verifyShares(message, chosen)).allMatch(ShareVerdict::isValid);
        byte[] signature = key.combine(message, chosen, false);
        assertThat(key.verify(message, signature)).isTrue();
        assertThat(signatureValue(signature)).isEqualTo(expectedSignature(key, TestSafePrimes.P256_A, TestSafePrimes.Q256_A, message));
        assertThat(key.combine(message, chosen, true)).isEqualTo(signature);
        assertThat(key.verify(OTHER, signature)).isFalse();

        List<Share> fewer = chosen.subList(0, k - 1);
        assertThatThrownBy(() -> key.combine(message, fewer, false)).isInstanceOf(NotEnoughSharesException.class)
                .hasMessageContaining("need " + k);
    }

    @Test
    void bothProtocolsHandleMessagesOfEitherJacobiSymbol() {
        for (ThresholdParameters p : List.of(ThresholdParameters.onePlusFaults(5, 1), ThresholdParameters.quorum(5, 1))) {
            ShoupDealer.Keys dealt = deal(p);
            ShoupPublicKey key = dealt.publicKey();
            assertThat(key.usesJacobiNormalisation()).isEqualTo(p.k() > p.t() + 1);
            boolean sawPlus = false;
            boolean sawMinus = false;
            for (int i = 0; !(sawPlus && sawMinus); i++) {
                byte[] message = ("m" + i).getBytes(StandardCharsets.UTF_8);
                int symbol = RsaMath.jacobi(key.hash(message), key.modulus());
                sawPlus |= symbol == 1;
                sawMinus |= symbol == -1;
                List<Share> chosen = dealt.signers().subList(0, p.k()).stream().map(s -> s.sign(message)).toList();
                byte[] signature = key.combine(message, chosen, false);
                assertThat(key.verify(message, signature)).as("%s, Jacobi %d", p, symbol).isTrue();
            }
        }
    }

    @Test
    void kMinusOneSharesPlusRepeatsOfThemAreNotEnough() {
        List<Share> some = new ArrayList<>(shares(MESSAGE, List.of(0, 1, 2, 3)));
        some.add(keys.signers().get(3).sign(MESSAGE)); // fresh randomness, same holder: counts once
        assertThatThrownBy(() -> group.combine(MESSAGE, some, false)).isInstanceOf(NotEnoughSharesException.class)
                .hasMessageContaining("got 4");
        assertThatThrownBy(() -> group.combine(MESSAGE, some, true)).isInstanceOf(NotEnoughSharesException.class);
    }

    @Test
    void everyKindOfCorruptedShareIsCaughtAndNamed() {
        Share good = keys.signers().get(2).sign(MESSAGE);
        int x = ShareHeader.LENGTH;
        int c = x + group.modulusBytes();
        int z = c + ShareProof.CHALLENGE_BYTES;
        int end = z + group.responseBytes();
        assertThat(good.encoded()).hasSize(end);
        assertThat(group.verifyShare(MESSAGE, good)).isEqualTo(ShareVerdict.valid(2));

        assertProblem(flipBit(good, c - 1, 0), Problem.BAD_PROOF);        // value x_i
        assertProblem(flipBit(good, x + 10, 3), Problem.BAD_PROOF);       // value x_i, high half
        assertProblem(flipBit(good, z - 1, 0), Problem.BAD_PROOF);        // challenge c
        assertProblem(flipBit(good, end - 1, 0), Problem.BAD_PROOF);      // response z
        assertProblem(withIndex(good, 3), Problem.BAD_PROOF);             // holder 2's share as holder 3's
        assertProblem(withIndex(good, 7), Problem.UNKNOWN_HOLDER);
        assertProblem(keys.signers().get(2).sign(OTHER), Problem.BAD_PROOF);
        ShoupDealer.Keys otherKey = ShoupDealer.fromSafePrimes(TestSafePrimes.P256_B, TestSafePrimes.Q256_B, group.parameters(), RANDOM);
        assertProblem(otherKey.signers().get(2).sign(MESSAGE), Problem.WRONG_KEY);
        ShoupDealer.Keys samePrimesOtherSharing = deal(group.parameters());
        assertProblem(samePrimesOtherSharing.signers().get(2).sign(MESSAGE), Problem.WRONG_KEY);
        assertProblem(truncated(good, 1), Problem.MALFORMED);
        assertProblem(truncated(good, end - 5), Problem.MALFORMED);
        assertProblem(extended(good, 1), Problem.MALFORMED);
        assertProblem(garbage(2, end, 11), Problem.MALFORMED);
        assertProblem(new Share(2, new byte[0]), Problem.MALFORMED);
        assertProblem(flipBit(good, 4, 0), Problem.WRONG_KEY);            // key id
        Share quorumShare = QuorumDealer.generate(group.parameters(), RANDOM).signers().get(2).sign(MESSAGE);
        assertProblem(quorumShare, Problem.WRONG_KEY);

        BigInteger xi = new BigInteger(1, Arrays.copyOfRange(good.encoded(), x, c));
        assertProblem(replace(good, x, group.modulus().subtract(xi), group.modulusBytes()), Problem.MALFORMED); // N - x_i: not canonical
        assertProblem(replace(good, x, BigInteger.ZERO, group.modulusBytes()), Problem.MALFORMED);
        assertProblem(replace(good, x, TestSafePrimes.P256_A, group.modulusBytes()), Problem.BAD_PROOF);      // not a unit
        byte[] bigZ = good.encoded();
        bigZ[z] = (byte) 0xFF;
        assertProblem(new Share(2, bigZ), Problem.MALFORMED);
    }

    private static Share replace(Share share, int offset, BigInteger value, int length) {
        byte[] b = share.encoded();
        System.arraycopy(ByteWriter.fixed(value, length), 0, b, offset, length);
        return new Share(share.index(), b);
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
        mixed.add(flipBit(keys.signers().get(0).sign(MESSAGE), ShareHeader.LENGTH + 5, 0));
        mixed.add(keys.signers().get(1).sign(OTHER));
        mixed.add(garbage(6, 40, 7));
        mixed.add(withIndex(keys.signers().get(5).sign(MESSAGE), 9));
        mixed.addAll(shares(MESSAGE, List.of(2, 3, 4, 5, 6)));

        byte[] signature = group.combine(MESSAGE, mixed, false);
        assertThat(group.verify(MESSAGE, signature)).isTrue();
        assertThat(signatureValue(signature)).isEqualTo(expectedSignature(group, TestSafePrimes.P256_A, TestSafePrimes.Q256_A, MESSAGE));
        // A caller that wrongly claims its shares verified still gets a valid signature: the
        // combination's own check y^e = x notices and falls back to verifying each share.
        assertThat(group.combine(MESSAGE, mixed, true)).isEqualTo(signature);
    }

    @Test
    void aSignatureOnAnotherMessageOrUnderAnotherKeyDoesNotVerify() {
        byte[] signature = group.combine(MESSAGE, shares(MESSAGE, List.of(6, 5, 4, 3, 2)), false);
        assertThat(group.verify(MESSAGE, signature)).isTrue();
        assertThat(group.verify(OTHER, signature)).isFalse();
        ShoupDealer.Keys otherKey = ShoupDealer.fromSafePrimes(TestSafePrimes.P256_B, TestSafePrimes.Q256_B, group.parameters(), RANDOM);
        assertThat(otherKey.publicKey().verify(MESSAGE, signature)).isFalse();
    }

    @Test
    void malformedSignaturesAreRejectedWithoutException() {
        byte[] signature = group.combine(MESSAGE, shares(MESSAGE, List.of(0, 1, 2, 3, 4)), false);
        assertThat(group.verify(MESSAGE, Arrays.copyOf(signature, signature.length - 1))).isFalse();
        assertThat(group.verify(MESSAGE, Arrays.copyOf(signature, signature.length + 1))).isFalse();
        assertThat(group.verify(MESSAGE, new byte[0])).isFalse();
        assertThat(group.verify(MESSAGE, null)).isFalse();
        assertThat(group.verify(MESSAGE, flipBit(signature, 0, 0))).isFalse();
        assertThat(group.verify(MESSAGE, flipBit(signature, 1, 2))).isFalse();
        assertThat(group.verify(MESSAGE, flipBit(signature, signature.length - 1, 0))).isFalse();
        byte[] zero = signature.clone();
        Arrays.fill(zero, 2, zero.length, (byte) 0);
        assertThat(group.verify(MESSAGE, zero)).isFalse();
        byte[] plusN = signature.clone(); // y + N does not fit; y with the modulus's bytes is out of range
        System.arraycopy(ByteWriter.fixed(group.modulus(), group.modulusBytes()), 0, plusN, 2, group.modulusBytes());
        assertThat(group.verify(MESSAGE, plusN)).isFalse();
        byte[] ones = signature.clone();
        Arrays.fill(ones, 2, ones.length, (byte) 0xFF);
        assertThat(group.verify(MESSAGE, ones)).isFalse();
    }

    @Test
    void aThousandTwentyFourBitKeyWorksEndToEnd() {
        ShoupDealer.Keys big = ShoupDealer.fromSafePrimes(TestSafePrimes.P512, TestSafePrimes.Q512, ThresholdParameters.quorum(4, 1), RANDOM);
        assertThat(big.publicKey().modulus().bitLength()).isEqualTo(1024);
        List<Share> chosen = big.signers().subList(1, 4).stream().map(s -> s.sign(MESSAGE)).toList();
        byte[] signature = big.publicKey().combine(MESSAGE, chosen, false);
        assertThat(big.publicKey().verify(MESSAGE, signature)).isTrue();
        assertThat(signatureValue(signature)).isEqualTo(expectedSignature(big.publicKey(), TestSafePrimes.P512, TestSafePrimes.Q512, MESSAGE));
    }

    @Test
    void freshSafePrimesMakeAWorkingKey() {
        ShoupDealer.Keys fresh = ShoupDealer.generate(512, ThresholdParameters.onePlusFaults(4, 1), RANDOM);
        assertThat(fresh.publicKey().modulus().bitLength()).isEqualTo(512);
        List<Share> chosen = List.of(fresh.signers().get(3).sign(MESSAGE), fresh.signers().get(0).sign(MESSAGE));
        assertThat(fresh.publicKey().verify(MESSAGE, fresh.publicKey().combine(MESSAGE, chosen, false))).isTrue();
    }

    @Test
    void theDealerRefusesUnsuitablePrimesAndExponents() {
        ThresholdParameters p = ThresholdParameters.quorum(4, 1);
        BigInteger notSafe = TestSafePrimes.P256_A.shiftRight(1); // p' itself: prime, but (p'-1)/2 is not
        assertThat(notSafe.isProbablePrime(64)).isTrue();
        assertThat(SafePrimes.isSafePrime(notSafe)).isFalse();
        assertThatThrownBy(() -> ShoupDealer.fromSafePrimes(notSafe, TestSafePrimes.Q256_A, p, RANDOM)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ShoupDealer.fromSafePrimes(TestSafePrimes.P256_A, TestSafePrimes.P256_A, p, RANDOM)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ShoupDealer.fromSafePrimes(TestSafePrimes.P256_A, TestSafePrimes.Q256_A, BigInteger.valueOf(3), p, RANDOM))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("above n");
        assertThatThrownBy(() -> ShoupDealer.fromSafePrimes(TestSafePrimes.P256_A, TestSafePrimes.Q256_A, BigInteger.valueOf(91), p, RANDOM))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void publicAndPrivateKeysRoundTripThroughTheirEncodings() {
        ShoupPublicKey decoded = ShoupPublicKey.decode(group.encode());
        assertThat(decoded).isEqualTo(group);
        assertThat(decoded.fingerprint()).isEqualTo(group.fingerprint());
        assertThat((ShoupPublicKey) ThresholdSignatures.decodePublicKey("shoup-rsa", group.encode())).isEqualTo(group);
        List<Share> fromDecoded = new ArrayList<>();
        for (ShoupSigner signer : keys.signers().subList(0, 5)) {
            ShoupSigner back = ShoupSigner.decode(signer.encode(), RANDOM);
            assertThat(back.index()).isEqualTo(signer.index());
            assertThat(back.publicKey()).isEqualTo(group);
            fromDecoded.add(((ShoupSigner) ThresholdSignatures.decodePrivateKey("shoup-rsa", signer.encode(), RANDOM)).sign(MESSAGE));
        }
        assertThat(group.verify(MESSAGE, decoded.combine(MESSAGE, fromDecoded, false))).isTrue();
        assertThatThrownBy(() -> ThresholdSignatures.decodePublicKey("bls", group.encode()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ed25519-quorum").hasMessageContaining("shoup-rsa");
    }

    @Test
    void malformedKeyEncodingsAreRefused() {
        byte[] encoded = group.encode();
        int len = group.modulusBytes();
        int eOffset = 10 + len;
        int vOffset = eOffset + 4;
        int uOffset = vOffset + len;
        assertMalformed(Arrays.copyOf(encoded, encoded.length - 1));
        assertMalformed(Arrays.copyOf(encoded, encoded.length + 1));
        assertMalformed(flipBit(encoded, 0, 0));
        assertMalformed(flipBit(encoded, 10 + len - 1, 0));                  // N even
        byte[] notPrimeE = encoded.clone();
        System.arraycopy(new byte[] {0, 0, 0, 91}, 0, notPrimeE, eOffset, 4);
        assertMalformed(notPrimeE);
        byte[] jacobiPlusU = encoded.clone();
        BigInteger uSquared = group.u().multiply(group.u()).mod(group.modulus());
        System.arraycopy(ByteWriter.fixed(uSquared, len), 0, jacobiPlusU, uOffset, len);
        assertMalformed(jacobiPlusU);
        byte[] vOne = encoded.clone();
        System.arraycopy(ByteWriter.fixed(BigInteger.ONE, len), 0, vOne, vOffset, len);
        assertMalformed(vOne);

        byte[] privateKey = keys.signers().get(1).encode();
        byte[] wrongHolder = privateKey.clone();
        wrongHolder[3] = 2;
        assertThatThrownBy(() -> ShoupSigner.decode(wrongHolder, RANDOM)).isInstanceOf(MalformedEncodingException.class)
                .hasMessageContaining("holder 2");
        byte[] wrongShare = flipBit(privateKey, 6 + len - 1, 0);
        assertThatThrownBy(() -> ShoupSigner.decode(wrongShare, RANDOM)).isInstanceOf(MalformedEncodingException.class);
        assertThatThrownBy(() -> ShoupSigner.decode(Arrays.copyOf(privateKey, 30), RANDOM)).isInstanceOf(MalformedEncodingException.class);
    }

    private static void assertMalformed(byte[] encoded) {
        assertThatThrownBy(() -> ShoupPublicKey.decode(encoded)).isInstanceOf(MalformedEncodingException.class);
    }
}
