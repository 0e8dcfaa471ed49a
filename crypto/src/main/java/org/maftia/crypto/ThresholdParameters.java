package org.maftia.crypto;

/**
 * The {@code (n, k, t)} of a threshold scheme (spec 5.2.1.1): {@code n} holders, any {@code k} of
 * whose shares produce the result, tolerating {@code t} corrupted holders ({@code t < k <= n}).
 * Holders are numbered {@code 0..n-1} like the sites; Shamir x-coordinates are {@code index + 1}.
 */
public record ThresholdParameters(int n, int k, int t) {

    public ThresholdParameters {
        if (n < 1) {
            throw new IllegalArgumentException("a threshold scheme needs n >= 1 holders, not " + n);
        }
        if (t < 0 || t >= k || k > n) {
            throw new IllegalArgumentException("need 0 <= t < k <= n, not (n, k, t) = (" + n + ", " + k + ", " + t + ")");
        }
    }

    /** {@code (n, n-t, t)}: a quorum of all honest holders (ABBA's S, its coin). */
    public static ThresholdParameters quorum(int n, int t) {
        return new ThresholdParameters(n, n - t, t);
    }

    /** {@code (n, t+1, t)}: at least one honest holder (ABBA's S'). */
    public static ThresholdParameters onePlusFaults(int n, int t) {
        return new ThresholdParameters(n, t + 1, t);
    }

    /** {@code (n, ceil((n+t+1)/2), t)}: a majority of honest holders (VCBC). */
    public static ThresholdParameters honestMajority(int n, int t) {
        return new ThresholdParameters(n, (n + t + 2) / 2, t);
    }

    /** Throws unless {@code index} names a holder. */
    public void checkIndex(int index) {
        if (index < 0 || index >= n) {
            throw new IllegalArgumentException("holder index must be in 0.." + (n - 1) + ", not " + index);
        }
    }
}
