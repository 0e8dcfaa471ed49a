package org.maftia.net.link;

/**
 * Anti-replay state for one sender (as IPSec's sliding window, RFC 4303 3.4.3): the sender's
 * current epoch, the highest sequence number accepted in it, and which of the {@code size}
 * numbers below it were seen. A frame of an older epoch, or below the window, or seen, is a
 * replay. Only frames that passed authentication are recorded.
 */
final class ReplayWindow {

    private final int size;
    private final long[] seen;
    private long epoch = Long.MIN_VALUE;
    private long highest = -1;

    ReplayWindow(int size) {
        if (size < 64 || size % 64 != 0) {
            throw new IllegalArgumentException("replay window must be a positive multiple of 64, not " + size);
        }
        this.size = size;
        this.seen = new long[size / 64];
    }

    long epoch() {
        return epoch;
    }

    /** Whether (epoch, seq) may be fresh; does not record it. */
    Verdict check(long frameEpoch, long seq) {
        if (seq < 0) {
            return Verdict.REPLAYED;
        }
        if (frameEpoch < epoch) {
            return Verdict.STALE_EPOCH;
        }
        if (frameEpoch > epoch || seq > highest) {
            return Verdict.FRESH;
        }
        if (highest - seq >= size) {
            return Verdict.REPLAYED;
        }
        return isSet(seq) ? Verdict.REPLAYED : Verdict.FRESH;
    }

    /** Records an authenticated (epoch, seq) that {@link #check} found fresh. */
    void record(long frameEpoch, long seq) {
        if (frameEpoch > epoch) {
            epoch = frameEpoch;
            highest = -1;
            java.util.Arrays.fill(seen, 0L);
        }
        if (seq > highest) {
            long shift = seq - highest;
            if (shift >= size) {
                java.util.Arrays.fill(seen, 0L);
            } else {
                for (long s = highest + 1; s <= seq; s++) {
                    clear(s);
                }
            }
            highest = seq;
        }
        set(seq);
    }

    private boolean isSet(long seq) {
        int bit = (int) (seq % size);
        return (seen[bit >>> 6] & (1L << (bit & 63))) != 0;
    }

    private void set(long seq) {
        int bit = (int) (seq % size);
        seen[bit >>> 6] |= 1L << (bit & 63);
    }

    private void clear(long seq) {
        int bit = (int) (seq % size);
        seen[bit >>> 6] &= ~(1L << (bit & 63));
    }

    enum Verdict { FRESH, REPLAYED, STALE_EPOCH }
}
