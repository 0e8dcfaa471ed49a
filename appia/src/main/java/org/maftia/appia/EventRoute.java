package org.maftia.appia;

/**
 * What a QoS knows about one event class, computed once per class (spec 2.1.3, class QoS: the
 * "event path"): the positions, bottom first, of the layers that accept it, and which positions
 * may provide it.
 */
final class EventRoute {

    final int[] acceptingPositions;
    private final boolean[] providerAt;
    final boolean providedInQoS;

    EventRoute(int[] acceptingPositions, boolean[] providerAt) {
        this.acceptingPositions = acceptingPositions;
        this.providerAt = providerAt;
        boolean any = false;
        for (boolean p : providerAt) {
            any |= p;
        }
        this.providedInQoS = any;
    }

    boolean providedAt(int position) {
        return providerAt[position];
    }

    /** Index into {@link #acceptingPositions} of the first position above {@code position}. */
    int firstAbove(int position) {
        int i = 0;
        while (i < acceptingPositions.length && acceptingPositions[i] <= position) {
            i++;
        }
        return i;
    }

    /** Index of the last position below {@code position}, or -1. */
    int lastBelow(int position) {
        int i = acceptingPositions.length - 1;
        while (i >= 0 && acceptingPositions[i] >= position) {
            i--;
        }
        return i;
    }
}
