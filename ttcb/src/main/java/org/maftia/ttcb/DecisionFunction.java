package org.maftia.ttcb;

/** The decision functions of the block agreement service (spec 2.2.3.3). */
public enum DecisionFunction {
    /**
     * The value proposed by the first entity in elist: the service works as a reliable multicast.
     * If it proposed nothing the result is the empty value with proposed-ok 0 and proposed-any.
     */
    TBA_RMULTICAST,
    /** The most proposed value. */
    TBA_MAJORITY,
    /** The most proposed value to the entities that proposed it; the others receive an error. */
    TBA_TEQUALITY,
    /** A fresh symmetric key shared by the entities of elist (and nobody else). */
    TBA_KEY;

    /** Stable wire code. */
    public int code() {
        return ordinal();
    }

    public static DecisionFunction ofCode(int code) {
        DecisionFunction[] all = values();
        if (code < 0 || code >= all.length) {
            throw new IllegalArgumentException("no decision function has code " + code);
        }
        return all[code];
    }
}
