package org.maftia.replication.outcall;

import org.maftia.crypto.codec.ByteReader;
import org.maftia.crypto.codec.ByteWriter;

/**
 * What a member of a group submits to its own group about the group's {@link Outcalls}: the reply
 * its link got to a call, or that a clock period passed. A one-byte kind, then the call id and the
 * reply, or the tick.
 */
public sealed interface Vote {

    /** The first byte of every vote; a service tells votes from its other operations by the sender, not by it. */
    int REPLY = 1;
    int TICK = 2;

    /** The reply the callee's replicas gave alike to call {@code callId}. */
    record Reply(long callId, byte[] reply) implements Vote {
    }

    /** The member's period passed since it saw tick {@code tick - 1}. */
    record Tick(long tick) implements Vote {
    }

    default byte[] encode() {
        return switch (this) {
            case Reply r -> new ByteWriter().u8(REPLY).u64(r.callId).prefixed(r.reply).toByteArray();
            case Tick k -> new ByteWriter().u8(TICK).u64(k.tick).toByteArray();
        };
    }

    /** Strict: an unknown kind, a missing field or trailing bytes is refused. */
    static Vote decode(byte[] bytes) {
        ByteReader in = new ByteReader(bytes, "vote");
        int kind = in.u8("kind");
        Vote vote = switch (kind) {
            case REPLY -> new Reply(in.u64("call id"), in.prefixed("reply"));
            case TICK -> new Tick(in.u64("tick"));
            default -> throw in.malformed("kind " + kind + " is not a vote (1 reply, 2 tick)");
        };
        in.end();
        return vote;
    }
}
