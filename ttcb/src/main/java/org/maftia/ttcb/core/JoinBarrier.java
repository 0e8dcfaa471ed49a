package org.maftia.ttcb.core;

import java.util.Arrays;

/**
 * The join rule of the control network. Spec 4.1.2 replaces line 24's second condition of
 * Protocol 1 by "all entities in non-crashed local TTCBs proposed", and Protocol 2's Agreement
 * property speaks of the correct local TTCBs: both are sound only if every correct local TTCB
 * counts the same local TTCBs as crashed. A local TTCB that starts later than the others (or a
 * process restarted under an id the others already count crashed) breaks that: the others drop
 * its messages, it reads theirs, and its entities get decisions the others never reach.
 *
 * <p>The rule has two halves, both read from the echo every message carries (the send time of the
 * last message of each reader that its sender read, see {@link ClockSync}):
 * <ul>
 * <li>Start barrier: a local TTCB is admitted by j once a message of j echoes one of its own
 * messages, i.e. j reads it. It synchronises, and so serves entities and starts detecting crashes,
 * only when every other member has admitted it. The local TTCBs therefore all start detecting
 * crashes with every member counted in: none is crashed in anybody's view at the start.
 * <li>Exclusion halts: a local TTCB keeps probing. After each of its broadcasts at hardware
 * instant h, at least one copy reaches every j by h + WCETsend + Tsend (AN3, AN4) and a j that
 * does not count it crashed has read it by h + WCETsend + Tsend + WCETreceive. A message of j that
 * arrives more than Tsend after that (plus Tr of slack for scheduling and drift) was sent after
 * the reading (AN4), and must echo the probe or a later message. If it does not, j counts this
 * local TTCB crashed; that is permanent there (spec 2.2.5), so this local TTCB halts: the crash
 * the model allows, instead of decisions nobody else reaches. The message must also come after
 * the first one of j read since the probe, so a frame held back past Tsend is not evidence.
 * </ul>
 * Only this incarnation's own send times count as echoes (a recent window of them), so a
 * restarted process is never admitted by an echo of its predecessor's messages.
 */
final class JoinBarrier {

    /** Own send times kept to recognise echoes; a probe is answered within a few rounds or not at all. */
    private static final int HISTORY = 64;
    private static final long NONE = Long.MIN_VALUE;

    private final int self;
    private final long answerWithin;
    private final long[] sent = new long[HISTORY];
    private long sends;
    private final boolean[] admitted;
    /** Members heard from at least once: a probe starts only once its member is known to run. */
    private final boolean[] heardFrom;
    /** Per local TTCB: the send time of the own message it must echo, or NONE. */
    private final long[] probe;
    /** Per local TTCB: the hardware instant that message was broadcast. */
    private final long[] probeHw;
    /** Per local TTCB: the sequence number of its first message read after the probe, or NONE. */
    private final long[] firstSeqAfterProbe;

    JoinBarrier(int self, int n, TimingParameters timing) {
        this.self = self;
        this.answerWithin = timing.wcetSend() + 2 * timing.tsend() + timing.wcetReceive() + timing.tr();
        this.admitted = new boolean[n];
        this.heardFrom = new boolean[n];
        this.probe = new long[n];
        this.probeHw = new long[n];
        this.firstSeqAfterProbe = new long[n];
        Arrays.fill(probe, NONE);
        Arrays.fill(firstSeqAfterProbe, NONE);
        admitted[self] = true;
    }

    /** This local TTCB broadcast a message stamped {@code sendTime} at {@code hardwareNanos}: it probes every member without a probe pending. */
    void sent(long sendTime, long hardwareNanos) {
        sent[(int) (sends % HISTORY)] = sendTime;
        sends++;
        for (int j = 0; j < probe.length; j++) {
            // A member not heard yet may not run yet (a staggered start): a probe sent before it
            // started could never be answered in time, and would halt this TTCB for nothing.
            if (j != self && probe[j] == NONE && heardFrom[j]) {
                probe[j] = sendTime;
                probeHw[j] = hardwareNanos;
                firstSeqAfterProbe[j] = NONE;
            }
        }
    }

    /**
     * Reads the echo of the first copy of M from a local TTCB not crashed here. False when M proves
     * that its sender counts this local TTCB crashed.
     */
    boolean heard(ControlMessage m, long arrivalHardwareNanos) {
        int j = m.sender();
        heardFrom[j] = true;
        long echo = m.echoSendTime()[self];
        if (probe[j] == NONE) {
            return true;
        }
        if (echo >= probe[j] && isOwn(echo)) {
            admitted[j] = true;
            probe[j] = NONE;
            return true;
        }
        if (firstSeqAfterProbe[j] == NONE) {
            firstSeqAfterProbe[j] = m.seq();
            return true;
        }
        return m.seq() <= firstSeqAfterProbe[j] || arrivalHardwareNanos - probeHw[j] <= answerWithin;
    }

    /** Every other member reads this local TTCB: the start barrier is passed. */
    boolean allAdmitted() {
        for (boolean a : admitted) {
            if (!a) {
                return false;
            }
        }
        return true;
    }

    private boolean isOwn(long echo) {
        for (long k = Math.max(0, sends - HISTORY); k < sends; k++) {
            if (sent[(int) (k % HISTORY)] == echo) {
                return true;
            }
        }
        return false;
    }
}
