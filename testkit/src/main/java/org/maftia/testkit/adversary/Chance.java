package org.maftia.testkit.adversary;

import java.util.SplittableRandom;

/** Checks of the knobs strategies share. */
final class Chance {

    private Chance() {
    }

    static double check(double probability) {
        if (!(probability >= 0 && probability <= 1)) {
            throw new IllegalArgumentException("a probability is in [0, 1], not " + probability);
        }
        return probability;
    }

    /** A site of {@code n} other than {@code self} (self when it is alone), uniformly. */
    static int otherSite(int self, int n, SplittableRandom random) {
        if (n == 1) {
            return self;
        }
        int other = random.nextInt(n - 1);
        return other >= self ? other + 1 : other;
    }

    static int checkBudget(int budget) {
        if (budget < 0) {
            throw new IllegalArgumentException("a budget is not negative: " + budget);
        }
        return budget;
    }
}
