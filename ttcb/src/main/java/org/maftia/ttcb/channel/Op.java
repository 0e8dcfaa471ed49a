package org.maftia.ttcb.channel;

/** The calls of spec 2.2 as they travel on the entity-TTCB channel, one code each. */
public enum Op {
    RANDOM(1), PROPOSE(2), DECIDE(3), TIMESTAMP(4), START_MEASUREMENT(5), STOP_MEASUREMENT(6), EXEC(7),
    START_LOCAL(8), END_LOCAL(9), START_DISTRIBUTED(10), DELIV_DISTRIBUTED(11), WAIT_INFO(12), LOCAL_ID(13),
    CRASHED_ID(14), CRASHED_EID(15), TIMING(16);

    public final int code;

    Op(int code) {
        this.code = code;
    }

    /** The op of a code, or null. */
    public static Op of(int code) {
        for (Op op : values()) {
            if (op.code == code) {
                return op;
            }
        }
        return null;
    }
}
