package org.maftia.crypto.dl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.bouncycastle.math.ec.ECPoint;
import org.junit.jupiter.api.Test;
import org.maftia.crypto.CryptoException;
import org.maftia.crypto.NotEnoughSharesException;
import org.maftia.crypto.Share;
import org.maftia.crypto.ShareVerdict;
import org.maftia.crypto.ShareVerdict.Problem;
import org.maftia.crypto.ThresholdParameters;
import org.maftia.crypto.sharing.Feldman;
import org.maftia.crypto.testing.Subsets;

/** Re-sharing (spec 5.4.1) of the DH coin and TDH2 keys with Feldman commitments. */
class ReshareTest {

    private final SecureRandom random = new SecureRandom();

    @Property(tries = 20)
    void aResharedCoinGivesTheSameValuesAndOldSharesDoNotMix(@ForAll @IntRange(min = 1, max = 8) int n,
            @ForAll @IntRange(min = 1, max = 9) int n2, @ForAll @IntRange(min = 0, max = 2) int faults, @ForAll int kind,
            @ForAll long seed) {
        ThresholdParameters old = Subsets.parameters(n, faults, kind);
        ThresholdParameters next = Subsets.parameters(n2, faults, kind + 1);
        DiffieHellmanCoin.Dealt before = DiffieHellmanCoin.deal(old, random);
        List<DiffieHellmanCoin.Holder> contributors = Subsets.pick(before.holders(), Subsets.shuffled(n, seed), old.k());
        DiffieHellmanCoin.Dealt after = before.publicKey().reshare(contributors, next, random);
        DiffieHellmanCoin oldCoin = before.publicKey();
        DiffieHellmanCoin newCoin = after.publicKey();

        // The secret is unchanged: same public key, and the shares interpolate to the same x.
        assertThat(newCoin.key().publicKey()).isEqualTo(oldCoin.key().publicKey());
        assertThat(newCoin.parameters()).isEqualTo(next);
        Map<Integer, BigInteger> newShares = new HashMap<>();
        for (DiffieHellmanCoin.Holder h : after.holders().subList(0, next.k())) {
            newShares.put(h.index(), DiffieHellmanCoinTest.secret(h));
        }
        assertThat(P256.mulG(DlThresholdKey.FELDMAN.reconstruct(newShares))).isEqualTo(oldCoin.key().publicKey());
        // The new key file decodes (its verification keys are consistent).
        assertThat(DiffieHellmanCoin.decode(newCoin.encode()).keyId()).isEqualTo(newCoin.keyId());

        byte[] tag = ("round " + seed).getBytes(StandardCharsets.UTF_8);
        List<Share> oldShares = before.holders().stream().map(h -> h.share(tag)).toList();
        List<Share> fresh = after.holders().stream().map(h -> h.share(tag)).toList();
        assertThat(newCoin.verifyShares(tag, fresh)).allMatch(ShareVerdict::isValid);
        byte[] expected = oldCoin.combine(tag, oldShares.subList(0, old.k()), false);
        assertThat(newCoin.combine(tag, Subsets.pick(fresh, Subsets.shuffled(n2, seed), next.k()), false)).isEqualTo(expected);

        // Old shares are not shares of the new key, unless both sharings are trivial (k = 1:
        // every share is the secret itself, before and after).
        boolean trivial = old.k() == 1 && next.k() == 1;
        for (ShareVerdict v : trivial ? List.<ShareVerdict>of() : newCoin.verifyShares(tag, oldShares)) {
            assertThat(((ShareVerdict.Invalid) v).problem()).isEqualTo(v.index() < n2 ? Problem.WRONG_KEY : Problem.UNKNOWN_HOLDER);
        }
        if (next.k() >= 2 && old.n() >= next.k()) {
            // Mixed: k-1 new shares and old ones for the rest.
            List<Share> mixed = new ArrayList<>(fresh.subList(0, next.k() - 1));
            for (Share s : oldShares) {
                if (mixed.size() < next.k() && s.index() >= next.k() - 1) {
                    mixed.add(s);
                }
            }
            if (mixed.size() == next.k()) {
                assertThatThrownBy(() -> newCoin.combine(tag, mixed, false)).isInstanceOf(NotEnoughSharesException.class);
                // Even forced through without verification, Lagrange on mixed polynomials misses g~^x.
                assertThat(newCoin.combine(tag, relabelAsNew(mixed, newCoin), true)).isNotEqualTo(expected);
            }
        }
    }

    @Test
    void aResharedTdh2KeyStillDecryptsOldCiphertexts() {
        Tdh2.Dealt before = Tdh2.deal(ThresholdParameters.onePlusFaults(4, 1), random);
        byte[] ct = before.publicKey().encrypt("sealed before the change".getBytes(StandardCharsets.UTF_8), new byte[] {9}, random);
        ThresholdParameters next = ThresholdParameters.onePlusFaults(7, 2);
        Tdh2.Dealt after = before.publicKey().reshare(before.holders().subList(1, 3), next, random);
        Tdh2 newKey = after.publicKey();
        assertThat(newKey.isValidCiphertext(ct)).isTrue();
        List<Share> fresh = after.holders().stream().map(h -> h.decryptShare(ct)).toList();
        assertThat(newKey.verifyShares(ct, fresh)).allMatch(ShareVerdict::isValid);
        assertThat(new String(newKey.combine(ct, fresh.subList(4, 7), false), StandardCharsets.UTF_8)).isEqualTo("sealed before the change");
        // New ciphertexts work for the old holders too: the encryption key is the same.
        byte[] ct2 = newKey.encrypt(new byte[] {1, 2}, new byte[0], random);
        assertThat(before.publicKey().combine(ct2, before.holders().subList(0, 2).stream().map(h -> h.decryptShare(ct2)).toList(), false))
                .containsExactly(1, 2);
        // Mixing: two new shares and an old one do not reach k = 3 valid shares of the new key.
        List<Share> mixed = List.of(fresh.get(0), fresh.get(1), before.holders().get(2).decryptShare(ct));
        assertThatThrownBy(() -> newKey.combine(ct, mixed, false)).isInstanceOf(NotEnoughSharesException.class);
        assertThatThrownBy(() -> newKey.combine(ct, mixed, true)).isInstanceOf(CryptoException.class);
    }

    @Test
    void aFaultySubShareOrConstantTermNamesItsContributor() {
        DiffieHellmanCoin.Dealt before = DiffieHellmanCoin.deal(ThresholdParameters.quorum(4, 1), random);
        ThresholdParameters next = ThresholdParameters.quorum(7, 2);
        List<Feldman.Dealing<ECPoint>> dealings = new ArrayList<>();
        for (DiffieHellmanCoin.Holder h : before.holders().subList(0, 3)) {
            dealings.add(h.reshareDealing(next, random));
        }
        assertThat(before.publicKey().completeReshare(next, dealings).publicKey().key().publicKey())
                .isEqualTo(before.publicKey().key().publicKey());

        List<Feldman.Dealing<ECPoint>> badSub = new ArrayList<>(dealings);
        badSub.set(1, dealings.get(1).withSubShare(5, dealings.get(1).subShares().get(5).add(BigInteger.ONE)));
        assertThatThrownBy(() -> before.publicKey().completeReshare(next, badSub))
                .isInstanceOfSatisfying(Feldman.InvalidDealingException.class, e -> assertThat(e.contributor()).isEqualTo(1))
                .hasMessageContaining("old holder 1").hasMessageContaining("new holder 5").hasMessageContaining("commitments");

        // Holder 2 re-shares a value that is not its share (consistent commitments, wrong constant term).
        Feldman.Dealing<ECPoint> lie = DlThresholdKey.FELDMAN.deal(2, BigInteger.valueOf(1234), next, random);
        List<Feldman.Dealing<ECPoint>> badConstant = new ArrayList<>(dealings);
        badConstant.set(2, lie);
        assertThatThrownBy(() -> before.publicKey().completeReshare(next, badConstant))
                .isInstanceOfSatisfying(Feldman.InvalidDealingException.class, e -> assertThat(e.contributor()).isEqualTo(2))
                .hasMessageContaining("did not re-share its own share");

        assertThatThrownBy(() -> before.publicKey().completeReshare(next, dealings.subList(0, 2)))
                .isInstanceOf(CryptoException.class).hasMessageContaining("at least k = 3");
        List<Feldman.Dealing<ECPoint>> twice = List.of(dealings.get(0), dealings.get(0), dealings.get(1));
        assertThatThrownBy(() -> before.publicKey().completeReshare(next, twice)).hasMessageContaining("contributed twice");
    }

    /** Shares whose indices are beyond the new key's range cannot be forced in; keep only valid indices. */
    private static List<Share> relabelAsNew(List<Share> shares, DiffieHellmanCoin coin) {
        return shares.stream().filter(s -> s.index() < coin.parameters().n()).map(s -> {
            byte[] e = s.encoded();
            System.arraycopy(coin.keyId(), 0, e, 0, coin.keyId().length);
            return new Share(s.index(), e);
        }).toList();
    }
}
