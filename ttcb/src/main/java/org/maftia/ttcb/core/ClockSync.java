package org.maftia.ttcb.core;

import java.util.Arrays;

/**
 * Clock synchronisation among the local TTCBs (spec 4.1 assumes clocks synchronised to π), by
 * averaging over the periodic broadcasts, crash-tolerant because crashed TTCBs simply stop
 * contributing. Every message carries its sender's synchronised clock at the broadcast instant
 * (t3) and echoes, for each reader, the send time of the reader's last message (t1) and how long
 * the sender held it (t3 - t2); at arrival (t4) the reader estimates the sender's offset as NTP
 * does, ((t2 - t1) + (t3 - t4)) / 2, wrong by at most half the asymmetry of the two delays,
 * (Tsend - tsendMin)/2. Without an echo yet it falls back to t3 + (tsendMin + Tsend)/2 - t4, with
 * the same bound.
 *
 * <p>Two phases. Coarse: at every receive round, move to the mean of the latest estimates until
 * every estimate is within Ts/4 (round numbers then agree). Fine: every {@code syncEveryRounds}
 * rounds, each local TTCB takes the estimates from the messages of one agreed round r (sent
 * before anyone corrects), and once all have been read (r Ts + receiveBound) moves to their mean.
 * The clocks then stay within {@link TimingParameters#achievablePrecision()}, which the
 * configuration checks against π. The clock is synchronised from the first fine resync after every
 * other member reads this local TTCB.
 */
final class ClockSync {

    private final SyncClock clock;
    private final TimingParameters timing;
    private final int self;
    private final long[] estimate;
    private final boolean[] have;
    private long syncRound = -1;
    private long resyncs;
    private long lastCorrection;
    private long maxAbsCorrection;

    ClockSync(SyncClock clock, TimingParameters timing, int self, int n) {
        this.clock = clock;
        this.timing = timing;
        this.self = self;
        this.estimate = new long[n];
        this.have = new boolean[n];
    }

    /** Reads the offset of M's sender from the first copy of M, stamped when it arrived. */
    void observe(ControlMessage m, long arrivalHardwareNanos) {
        if (m.sender() == self || (syncRound >= 0 && m.seq() != syncRound)) {
            return;
        }
        long t4 = clock.at(arrivalHardwareNanos);
        long t3 = m.sendTime();
        long t1 = m.echoSendTime()[self];
        long hold = m.echoHold()[self];
        if (t1 >= 0 && hold >= 0 && t4 - t1 - hold >= 0 && t4 - t1 - hold <= 2 * timing.tsend()) {
            estimate[m.sender()] = ((t3 - hold - t1) + (t3 - t4)) / 2;
        } else {
            long midDelay = (timing.tsendMin() + timing.tsend()) / 2;
            estimate[m.sender()] = t3 + midDelay - t4;
        }
        have[m.sender()] = true;
    }

    /**
     * Called at every receive round with the local TTCBs known crashed, and whether every other
     * member reads this local TTCB: the clock counts as synchronised only from a fine resync after
     * that start barrier ({@link JoinBarrier}).
     */
    void onReceiveRound(boolean[] crashed, boolean admitted) {
        long now = clock.now();
        if (syncRound < 0) {
            coarse(crashed, now);
        } else if (now >= syncRound * timing.ts() + timing.receiveBound()) {
            apply(crashed);
            if (!clock.isSynchronised() && admitted) {
                clock.markSynchronised();
            }
            syncRound = nextSyncRound(clock.now());
        }
    }

    private void coarse(boolean[] crashed, long now) {
        boolean close = true;
        int heard = 0;
        for (int j = 0; j < have.length; j++) {
            if (j != self && have[j] && !crashed[j]) {
                heard++;
                close &= Math.abs(estimate[j]) <= timing.ts() / 4;
            }
        }
        if (have.length == 1) {
            clock.markSynchronised();
            syncRound = nextSyncRound(now);
            return;
        }
        if (heard == 0) {
            return;
        }
        if (close) {
            syncRound = nextSyncRound(now);
        }
        apply(crashed);
    }

    private long nextSyncRound(long now) {
        long k = timing.syncEveryRounds();
        long r = now / timing.ts() + 2;
        return ((r + k - 1) / k) * k;
    }

    private void apply(boolean[] crashed) {
        long sum = 0;
        int count = 1;
        for (int j = 0; j < have.length; j++) {
            if (j != self && have[j] && !crashed[j]) {
                sum += estimate[j];
                count++;
            }
        }
        long delta = sum / count;
        clock.adjust(delta);
        lastCorrection = delta;
        maxAbsCorrection = Math.max(maxAbsCorrection, Math.abs(delta));
        resyncs++;
        Arrays.fill(have, false);
    }

    long resyncs() {
        return resyncs;
    }

    long lastCorrection() {
        return lastCorrection;
    }

    long maxAbsCorrection() {
        return maxAbsCorrection;
    }
}
