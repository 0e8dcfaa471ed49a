package org.maftia.ttcb;

/** The error codes the TTCB returns (spec 2.2: every result record carries one). */
public enum TtcbError {
    OK,
    /**
     * propose: {@code clock() > tstart} (Protocol 1, line 2). The tag still names the agreement, so
     * that the entity can decide its result; it is null once the result is discarded or when this
     * local TTCB's share of the table is full.
     */
    TSTART_EXPIRED,
    /** propose: the entity already proposed for this agreement (Protocol 1, line 2). */
    ALREADY_PROPOSED,
    /** propose/decide: the calling entity is not in elist (Protocol 1, line 2). */
    NOT_IN_ELIST,
    /** decide: the agreement has not terminated yet: tstart + Tagreement not reached and not all proposed (line 24). */
    NOT_ENDED,
    /**
     * decide: the agreement ended and its record was discarded after the retention time; its
     * result is no longer available. (The spec's TTCB_TBA_ENDED, a result to read, is
     * {@link Ttcb.DecideResult#ended()}.)
     */
    DISCARDED,
    /** decide, TBA_TEQUALITY: the caller did not propose the most proposed value. */
    VALUE_DIFFERS,
    /** decide, TBA_KEY: a key is only given over a confidential (AEAD) channel. */
    CONFIDENTIALITY_REQUIRED,
    /**
     * A tag this local TTCB never issued, or issued to another entity: only the entity that started
     * a measurement or a local action may stop or end it, and only the sender and the receivers of
     * a distributed action get its list info from waitInfo (spec 2.2.4).
     */
    UNKNOWN_TAG,
    /** An eid without a session, or a local TTCB id not in the configuration. */
    UNKNOWN_ID,
    /** elist empty, with duplicates, longer than the masks allow, or naming an entity the control network cannot carry. */
    BAD_ELIST,
    /** A value longer than the configured block size. */
    VALUE_TOO_LARGE,
    /** A timestamp in the future, or an end before its start. */
    BAD_TIMESTAMP,
    /** exec/handler: no function of that name in the TTCB library. */
    UNKNOWN_FUNCTION,
    /** exec: the schedulability analysis cannot meet the window with the function's WCET (spec 2.2.4.3). */
    UNSCHEDULABLE,
    /** A bounded table is full; try later. */
    RESOURCES,
    /** The local TTCB clock is not yet synchronised with the others (spec 2.2.4.1). */
    NOT_SYNCHRONIZED,
    /** Malformed arguments. */
    BAD_REQUEST,
    /**
     * decide, TBA_KEY: the agreement ended without a proposal from every entity of elist, so there
     * is no key (it would not be shared by exactly elist); proposed-any says who proposed.
     */
    NOT_ALL_PROPOSED;

    public static TtcbError ofCode(int code) {
        TtcbError[] all = values();
        if (code < 0 || code >= all.length) {
            throw new IllegalArgumentException("no TTCB error has code " + code);
        }
        return all[code];
    }
}
