package org.maftia.ttcb.core;

/**
 * What a local TTCB needs beyond its scheduler and network.
 *
 * @param id              this local TTCB's id, 0..n-1
 * @param n               how many local TTCBs the control network joins
 * @param timing          periods, Od, Bd, delays, WCETs, π (spec 4.1)
 * @param controlSecret   the control network's shared secret (keys of AN7/AN8)
 * @param library         the functions of the timely execution service with their WCETs
 * @param maxValueBytes   the fixed block size of the agreement service
 * @param maxAgreements   about the most records dataTable holds: each TTCB's own entities may open a
 *                        1/n share of it, one entity a quarter of that share (remote proposals are
 *                        never dropped)
 * @param retentionNanos  how long finished agreements and actions are kept for late decide/waitInfo calls
 */
public record TtcbSettings(int id, int n, TimingParameters timing, byte[] controlSecret, FunctionLibrary library,
                           int maxValueBytes, int maxAgreements, long retentionNanos) {

    public TtcbSettings {
        if (n < 1 || n > 0xFFFF || id < 0 || id >= n) {
            throw new IllegalArgumentException("local TTCB id " + id + " is not in 0.." + (n - 1));
        }
        if (maxValueBytes < 1 || maxValueBytes > ControlRecord.MAX_VALUE || maxAgreements < 1 || retentionNanos < 0) {
            throw new IllegalArgumentException("need 1 <= maxValueBytes <= " + ControlRecord.MAX_VALUE + ", maxAgreements >= 1, retention >= 0");
        }
        controlSecret = controlSecret.clone();
    }

    /** The same settings for another local TTCB of the same network. */
    public TtcbSettings forId(int other) {
        return new TtcbSettings(other, n, timing, controlSecret, library, maxValueBytes, maxAgreements, retentionNanos);
    }
}
