package org.maftia.ttcb.core;

import java.util.Arrays;

/**
 * Clock synchronisation among the local TTCBs (spec 4.1 assumes clocks synchronised to π), by
 * averaging over the periodic broadcasts, crash-tolerant because crashed TTCBs simply stop
 * contributing. Every message carries its sender's synchronised clock at the broadcast instant; a
 * reader estimates the sender's offset as sendTime + (tsendMin + Tsend)/2 - its own clock at
 * arrival, an error of at most (Tsend - tsendMin)/2.
 *
 * <p>Two phases. Coarse: at every receive round, move to the mean of the latest estimates until
 * every estimate is within Ts/4 (round numbers then agree). Fine: every {@code syncEveryRounds}
 * rounds, each local TTCB takes the estimates from the messages of one agreed round r (sent
 * before anyone corrects), and once all have been read (r Ts + receiveBound) moves to their mean.
 * The clocks then stay within {@link TimingParameters#achievablePrecision()}, which the
 * configuration checks against π. The clock is synchronised from the first fine resync on.
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
        long midDelay = (timing.tsendMin() + timing.tsend()) / 2;
        estimate[m.sender()] = m.sendTime() + midDelay - clock.at(arrivalHardwareNanos);
        have[m.sender()] = true;
    }

    /** Called at every receive round with the local TTCBs known crashed. */
    void onReceiveRound(boolean[] crashed) {
        long now = clock.now();
        if (syncRound < 0) {
            coarse(crashed, now);
        } else if (now >= syncRound * timing.ts() + timing.receiveBound()) {
            apply(crashed);
            if (!clock.isSynchronised()) {
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
