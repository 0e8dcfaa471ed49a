package org.maftia.ttcb.core;

import java.util.Arrays;

/**
 * Detection of local TTCB crashes from missed periodic broadcasts (spec 4.1.2: a local TTCB is
 * known to be crashed if its message is not received by its deadline). Every local TTCB
 * broadcasts every Ts whether it has data or not, and with Od + 1 copies at least one copy of
 * M(j, r) is read by every correct local TTCB by r Ts + {@link TimingParameters#receiveBound()}.
 * A crash is permanent: a local TTCB fails only by crashing (spec 2.2.5).
 */
final class CrashDetector {

    private final int self;
    private final TimingParameters timing;
    private final long[] lastSeq;
    private final boolean[] crashed;
    private boolean armed;

    CrashDetector(int self, int n, TimingParameters timing) {
        this.self = self;
        this.timing = timing;
        this.lastSeq = new long[n];
        this.crashed = new boolean[n];
    }

    /** Starts watching once clocks are synchronised: a local TTCB never heard is due from round {@code round} on. */
    void arm(long round) {
        if (!armed) {
            for (int j = 0; j < lastSeq.length; j++) {
                lastSeq[j] = Math.max(lastSeq[j], round);
            }
            armed = true;
        }
    }

    void heard(int j, long seq) {
        lastSeq[j] = Math.max(lastSeq[j], seq);
    }

    /** Marks the local TTCBs whose next message is past its deadline; returns the ones newly detected. */
    int[] update(long now) {
        if (!armed) {
            return new int[0];
        }
        int[] fresh = new int[0];
        for (int j = 0; j < lastSeq.length; j++) {
            if (j != self && !crashed[j] && now > (lastSeq[j] + 1) * timing.ts() + timing.receiveBound()) {
                crashed[j] = true;
                fresh = Arrays.copyOf(fresh, fresh.length + 1);
                fresh[fresh.length - 1] = j;
            }
        }
        return fresh;
    }

    boolean isCrashed(int j) {
        return j >= 0 && j < crashed.length && crashed[j];
    }

    /**
     * Crashed, and long enough ago that every message of j any correct local TTCB will R-deliver
     * has been R-delivered here (Protocol 2 Timeliness: by its broadcast instant + Tbroadcast). Only
     * then may "all entities in non-crashed local TTCBs proposed" (spec 4.1.2) leave j's entities out.
     */
    boolean isSettled(int j, long now) {
        return isCrashed(j) && now > (lastSeq[j] + 1) * timing.ts() + timing.tbroadcast();
    }

    void markSelfCrashed() {
        crashed[self] = true;
    }
}
