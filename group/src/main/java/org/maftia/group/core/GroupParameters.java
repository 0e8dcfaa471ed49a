package org.maftia.group.core;

/** Which group this site is in and who it is: group id, own id, n and t ({@code n > 3t}). */
public record GroupParameters(String groupId, int self, int n, int t) {

    public GroupParameters {
        if (n < 1 || self < 0 || self >= n) {
            throw new IllegalArgumentException("site " + self + " is not in a group of " + n);
        }
        if (t < 0 || n <= 3 * t) {
            throw new IllegalArgumentException("t = " + t + " with n = " + n + " breaks n > 3t");
        }
    }
}
