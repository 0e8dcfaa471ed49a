package org.maftia.tx.client;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * How a client tries again when a group says "not now" (a lock held, a registration under way):
 * exponential back-off from {@code first} up to {@code max}, with random jitter so that two
 * clients in conflict do not retry in step, at most {@code attempts} tries; and how long a commit
 * waits for the outcome.
 *
 * <p>Against deadlock: a lock request never waits in the group (no-wait locking, Protocol 24 says
 * notOk), and a client gives up after {@code attempts} tries and aborts, which releases its locks.
 * Two transactions that each hold what the other needs therefore cannot wait for each other
 * forever: one gives up first (the jitter makes a tie unlikely), and the other goes on. A
 * deadlock detector would need a global wait-for graph across groups, and timeouts are what 3.3.3.2
 * offers; a lock held by a client that vanished is released by the groups themselves after their
 * bounds ({@code TmSettings.openTicks}, {@code RmSettings.lockTicks}).
 */
public record RetryPolicy(Duration first, Duration max, int attempts, Duration outcomeWait) {

    public static final RetryPolicy DEFAULT = new RetryPolicy(Duration.ofMillis(5), Duration.ofMillis(200), 40, Duration.ofSeconds(60));

    public RetryPolicy {
        if (first.isNegative() || first.isZero() || max.compareTo(first) < 0 || attempts < 1 || outcomeWait.isNegative()) {
            throw new IllegalArgumentException("retry policy: first > 0, max >= first, attempts >= 1, outcomeWait >= 0");
        }
    }

    /** The pause before try {@code attempt} (from 1): doubling, capped, with jitter of up to half. */
    Duration pause(int attempt) {
        long nanos = Math.min(max.toNanos(), first.toNanos() << Math.min(attempt - 1, 30));
        return Duration.ofNanos(nanos / 2 + ThreadLocalRandom.current().nextLong(nanos / 2 + 1));
    }
}
