package org.maftia.crypto.sharing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.maftia.crypto.ThresholdParameters;
import org.junit.jupiter.api.Test;

class ShamirTest {

    private static final BigInteger Q = BigInteger.valueOf(2).pow(127).subtract(BigInteger.ONE);
    private final Shamir shamir = new Shamir(Q);

    @Property(tries = 200)
    void anyKSharesReconstructTheSecretAndKMinusOneGiveSomethingElse(
            @ForAll @IntRange(min = 1, max = 16) int n, @ForAll @IntRange(min = 0, max = 15) int t, @ForAll long seed) {
        int faults = Math.min(t, n - 1);
        ThresholdParameters p = new ThresholdParameters(n, faults + 1, faults);
        SecureRandom random = new SecureRandom();
        BigInteger secret = shamir.uniform(random);
        BigInteger[] shares = shamir.split(secret, p, random);
        List<Integer> holders = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            holders.add(i);
        }
        Collections.shuffle(holders, new Random(seed));
        int[] chosen = holders.subList(0, p.k()).stream().mapToInt(Integer::intValue).toArray();
        BigInteger[] chosenShares = java.util.Arrays.stream(chosen).mapToObj(i -> shares[i]).toArray(BigInteger[]::new);

        assertThat(shamir.interpolateAtZero(chosen, chosenShares)).isEqualTo(secret);
        if (p.k() > 1) {
            int[] fewer = java.util.Arrays.copyOf(chosen, p.k() - 1);
            BigInteger[] fewerShares = java.util.Arrays.copyOf(chosenShares, p.k() - 1);
            // With k-1 shares the interpolation of a random degree k-1 polynomial misses the secret
            // except with probability 1/q.
            assertThat(shamir.interpolateAtZero(fewer, fewerShares)).isNotEqualTo(secret);
        }
    }

    @Test
    void repeatedHoldersAreRefused() {
        assertThatThrownBy(() -> shamir.lagrangeAtZero(new int[] {1, 1}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("distinct");
    }

    @Test
    void parametersAreChecked() {
        assertThat(ThresholdParameters.quorum(4, 1)).isEqualTo(new ThresholdParameters(4, 3, 1));
        assertThat(ThresholdParameters.onePlusFaults(7, 2)).isEqualTo(new ThresholdParameters(7, 3, 2));
        assertThat(ThresholdParameters.honestMajority(4, 1).k()).isEqualTo(3);
        assertThat(ThresholdParameters.honestMajority(7, 2).k()).isEqualTo(5);
        assertThatThrownBy(() -> new ThresholdParameters(4, 5, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ThresholdParameters(4, 1, 1)).isInstanceOf(IllegalArgumentException.class);
    }
}
