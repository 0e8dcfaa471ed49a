package org.maftia.group.stream;

import java.nio.ByteBuffer;
import org.maftia.crypto.MalformedEncodingException;
import org.maftia.crypto.codec.ByteReader;
import org.maftia.crypto.codec.ByteWriter;
import org.maftia.group.core.MalformedMessageException;
import org.maftia.group.core.MessageTypes;
import org.maftia.group.core.WireMessage;

/**
 * The one message of an aggregated stream (not in spec 5.2.1.8, see {@link Aggregation}): "I have
 * delivered sender P_lane's entries below number {@code next}", so the others may finish those
 * sub-broadcasts. Body: lane (u16), next (8 bytes, not negative).
 */
record ProgressReport(int lane, long next) implements WireMessage {

    /**
     * Its type code. Section 5.2.1.8 has no protocol number for a high byte, so 0x58 ("5.8"),
     * beyond the numbered protocols' codes of {@link org.maftia.group.core.MessageTypes}.
     */
    static final int TYPE = MessageTypes.STREAM_PROGRESS;

    @Override
    public int type() {
        return TYPE;
    }

    @Override
    public byte[] body() {
        return new ByteWriter().u16(lane).raw(ByteBuffer.allocate(8).putLong(next).array()).toByteArray();
    }

    /** Decodes a report of a group of {@code n}. @throws MalformedMessageException if it is not one */
    static ProgressReport decode(int type, byte[] body, int n) throws MalformedMessageException {
        if (type != TYPE) {
            throw new MalformedMessageException("type " + type + " is not a stream's progress report");
        }
        try {
            ByteReader r = new ByteReader(body, "progress report");
            int lane = r.u16("lane");
            if (lane >= n) {
                throw r.malformed("lane of P" + lane + " in a group of " + n);
            }
            long next = ByteBuffer.wrap(r.raw(8, "next")).getLong();
            if (next < 0) {
                throw r.malformed("entry number " + next);
            }
            r.end();
            return new ProgressReport(lane, next);
        } catch (MalformedEncodingException e) {
            throw new MalformedMessageException(e.getMessage());
        }
    }
}
