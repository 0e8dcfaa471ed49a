package org.maftia.testkit.adversary;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.maftia.testkit.net.SimulatedNetwork;

/**
 * The corrupted sites a strategy drives. A strategy acts only in their names: the network lets
 * the adversary drop and inject only corrupted sites' messages, and a strategy set up on an
 * honest site is a mistake in the test, reported as such.
 */
record Driven(String strategy, int[] sites) {

    Driven {
        if (sites.length == 0) {
            throw new IllegalArgumentException(strategy + " needs at least one corrupted site to drive");
        }
        sites = Arrays.stream(sites).distinct().sorted().toArray();
    }

    boolean contains(int site) {
        return Arrays.binarySearch(sites, site) >= 0;
    }

    /** Throws unless every driven site is corrupted in {@code network}. */
    void requireCorrupted(SimulatedNetwork network) {
        for (int s : sites) {
            if (!network.isCorrupted(s)) {
                throw new IllegalStateException(strategy + " drives site " + s
                        + ", which is honest in this network: only corrupted sites (network.corrupt(" + s + ")) can deviate");
            }
        }
    }

    int pick(SplittableRandom random) {
        return sites[random.nextInt(sites.length)];
    }

    @Override
    public String toString() {
        return strategy + Arrays.toString(sites);
    }
}
