package org.maftia.ttcb.core;

/**
 * The constants of the control network and of the local TTCBs (spec 4.1), all in nanoseconds, and
 * the bounds computed from them by formulas 4.1-4.3.
 *
 * @param ts            broadcast period Ts (Protocol 1 line 9, Protocol 2 line 1)
 * @param tr            receive period Tr (Protocol 1 line 14)
 * @param od            omission degree Od (AN3): every message is broadcast Od + 1 times
 * @param bd            broadcast degree Bd (AN6): the number of local TTCB crashes tolerated
 * @param tsend         maximum communication delay Tsend (AN4)
 * @param tsendMin      minimum communication delay (used by clock synchronisation to centre its readings)
 * @param wcetSend      worst-case execution time of the broadcast routine
 * @param wcetReceive   worst-case execution time of the receive routine
 * @param pi            the precision π the clock synchronisation must keep
 * @param maxDriftPpm   the hardware clocks' maximum drift rate ρ, in parts per million
 * @param syncEveryRounds resynchronise clocks every this many broadcast rounds
 */
public record TimingParameters(long ts, long tr, int od, int bd, long tsend, long tsendMin, long wcetSend,
                               long wcetReceive, long pi, long maxDriftPpm, int syncEveryRounds) {

    public TimingParameters {
        positive("ts", ts);
        positive("tr", tr);
        positive("tsend", tsend);
        positive("pi", pi);
        if (od < 0 || bd < 0 || tsendMin < 0 || tsendMin > tsend || wcetSend < 0 || wcetReceive < 0
                || maxDriftPpm < 0 || syncEveryRounds < 1) {
            throw new IllegalArgumentException("need od >= 0, bd >= 0, 0 <= tsendMin <= tsend, WCETs >= 0, drift >= 0, syncEveryRounds >= 1");
        }
    }

    private static void positive(String name, long v) {
        if (v <= 0) {
            throw new IllegalArgumentException(name + " must be positive, not " + v);
        }
    }

    /** Formula 4.1: Tagreement of Protocol 1 alone (no local TTCB crashes). */
    public long tagreementWithoutCrashes() {
        return ts + wcetSend + tsend + tr + wcetReceive + pi;
    }

    /** Formula 4.2: Tbroadcast of the timely reliable broadcast (Protocol 2). */
    public long tbroadcast() {
        return 2 * (wcetSend + tsend + tr + wcetReceive + ts) + pi;
    }

    /** Formula 4.3: Tagreement of Protocol 1 over Protocol 2, the one this TTCB uses. */
    public long tagreement() {
        return ts + tbroadcast();
    }

    /**
     * How long after the broadcast instant of round r a message of round r has been read by every
     * correct local TTCB: sent within WCETsend, on the wire within Tsend, read at the next receive
     * round, clocks apart by π.
     */
    public long receiveBound() {
        return wcetSend + tsend + tr + wcetReceive + pi;
    }

    /**
     * The precision clock synchronisation can guarantee: the reading error of the midpoint
     * estimate (Tsend - tsendMin) plus the drift of two clocks over one resynchronisation interval.
     * A configured π below this cannot be kept.
     */
    public long achievablePrecision() {
        long interval = (long) syncEveryRounds * ts;
        return (tsend - tsendMin) + 2 * maxDriftPpm * interval / 1_000_000L + 2 * wcetReceive;
    }

    /** TTFD1 for distributed actions: a timing failure is detected at most this long after the deadline. */
    public long distributedDetectionBound() {
        return tbroadcast() + tr + wcetReceive;
    }

    /** A reasonable configuration for tests and the simulation: 4 local TTCBs on a fast LAN. */
    public static TimingParameters lanDefaults() {
        long ms = 1_000_000L;
        return new TimingParameters(10 * ms, 2 * ms, 2, 1, 3 * ms, 100_000L, 500_000L, 500_000L, 5 * ms, 100, 10);
    }
}
