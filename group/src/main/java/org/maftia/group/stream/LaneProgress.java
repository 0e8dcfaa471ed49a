package org.maftia.group.stream;

/**
 * How far each party has shown it delivered each sender's lane: the highest {@link ProgressReport}
 * of each party, and this party's own deliveries; n × n numbers, whatever the parties send. A
 * corrupted party speaks for itself only: it can make this party keep instances longer (within
 * the lane's budget), never finish one before every honest party delivered it.
 */
final class LaneProgress {

    /** {@code next[lane][party]}: the party delivered the lane's entries below this number. */
    private final long[][] next;

    LaneProgress(int n) {
        next = new long[n][n];
    }

    /** Party {@code party} delivered {@code lane}'s entries below {@code upTo}; true if that is news. */
    boolean delivered(int party, int lane, long upTo) {
        if (upTo <= next[lane][party]) {
            return false;
        }
        next[lane][party] = upTo;
        return true;
    }

    /** Every party delivered {@code lane}'s entries below this number. */
    long everyone(int lane) {
        long least = Long.MAX_VALUE;
        for (long p : next[lane]) {
            least = Math.min(least, p);
        }
        return least;
    }
}
