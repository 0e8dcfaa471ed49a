package org.maftia.crypto.testing;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.maftia.crypto.ThresholdParameters;

/** Random parameters and holder subsets for the property tests. */
public final class Subsets {

    private Subsets() {
    }

    /**
     * Parameters with n holders and t = min(faults, (n-1)/3), k one of the spec's three choices
     * (5.2.1.1): n-t, t+1, or ceil((n+t+1)/2).
     */
    public static ThresholdParameters parameters(int n, int faults, int kind) {
        int t = Math.min(faults, (n - 1) / 3);
        return switch (Math.floorMod(kind, 3)) {
            case 0 -> ThresholdParameters.quorum(n, t);
            case 1 -> ThresholdParameters.onePlusFaults(n, t);
            default -> ThresholdParameters.honestMajority(n, t);
        };
    }

    /** The holders 0..n-1 in a random order. */
    public static List<Integer> shuffled(int n, long seed) {
        List<Integer> all = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            all.add(i);
        }
        Collections.shuffle(all, new Random(seed));
        return all;
    }

    public static <T> List<T> pick(List<T> items, List<Integer> order, int count) {
        List<T> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            out.add(items.get(order.get(i)));
        }
        return out;
    }
}
