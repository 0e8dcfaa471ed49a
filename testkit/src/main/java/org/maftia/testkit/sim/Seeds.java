package org.maftia.testkit.sim;

import java.util.function.LongConsumer;

/**
 * Runs a simulation check over many seeds. How many: {@code -Dmaftia.seeds=N} (default given by
 * the caller, 200 in the build); one only: {@code -Dmaftia.seed=S}. A failure names its seed and
 * how to replay it.
 */
public final class Seeds {

    private Seeds() {
    }

    /** The number of seeds to run, from {@code maftia.seeds} or {@code defaultCount}. */
    public static int count(int defaultCount) {
        String configured = System.getProperty("maftia.seeds");
        if (configured == null || configured.isBlank()) {
            return defaultCount;
        }
        try {
            int n = Integer.parseInt(configured.trim());
            if (n < 1) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("-Dmaftia.seeds must be a positive number of seeds, not '" + configured + "'");
        }
    }

    /** Runs {@code check} for each seed; rethrows the first failure with its seed in the message. */
    public static void forEach(int defaultCount, LongConsumer check) {
        String one = System.getProperty("maftia.seed");
        if (one != null && !one.isBlank()) {
            runOne(Long.parseLong(one.trim()), check);
            return;
        }
        int n = count(defaultCount);
        for (long seed = 1; seed <= n; seed++) {
            runOne(seed, check);
        }
    }

    /** The seed count the build runs by default ({@code maftia.seeds} in the parent pom). */
    public static final int BUILD_SEEDS = 200;

    /**
     * For checks whose run is costly (many protocol instances, public-key cryptography): runs
     * {@code countAtBuildSeeds} seeds when {@code maftia.seeds} is the build's {@value #BUILD_SEEDS},
     * and proportionally more or fewer otherwise (at least one), so a soak scales every check.
     */
    public static void forEachCostly(int countAtBuildSeeds, LongConsumer check) {
        String one = System.getProperty("maftia.seed");
        if (one != null && !one.isBlank()) {
            runOne(Long.parseLong(one.trim()), check);
            return;
        }
        long n = Math.max(1, (long) count(BUILD_SEEDS) * countAtBuildSeeds / BUILD_SEEDS);
        for (long seed = 1; seed <= n; seed++) {
            runOne(seed, check);
        }
    }

    private static void runOne(long seed, LongConsumer check) {
        try {
            check.accept(seed);
        } catch (AssertionError | RuntimeException e) {
            throw new AssertionError("failing seed " + seed + " (replay it alone with -Dmaftia.seed=" + seed + "): " + e.getMessage(), e);
        }
    }
}
