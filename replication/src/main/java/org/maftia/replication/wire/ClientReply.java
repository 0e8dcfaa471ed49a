package org.maftia.replication.wire;

import java.nio.charset.StandardCharsets;
import org.maftia.crypto.MalformedEncodingException;
import org.maftia.crypto.codec.ByteReader;
import org.maftia.crypto.codec.ByteWriter;

/**
 * (v-multicast-reply, m|seq) of Protocol 11, line 18: one replica's reply to request
 * {@code sequence} of a client's session; a refusal carries its reason as text. The client votes
 * on the whole record: replicas that agree send equal bytes.
 */
public record ClientReply(long session, long sequence, Status status, byte[] body) {

    /** The outcome: executed, refused for the reason in the body, or refused because the replicas forgot the session. */
    public enum Status { OK, REFUSED, SESSION_EXPIRED }

    public static ClientReply ok(long session, long sequence, byte[] result) {
        return new ClientReply(session, sequence, Status.OK, result);
    }

    public static ClientReply refusal(long session, long sequence, Status status, String reason) {
        return new ClientReply(session, sequence, status, reason.getBytes(StandardCharsets.UTF_8));
    }

    public String reason() {
        return new String(body, StandardCharsets.UTF_8);
    }

    public byte[] encode() {
        return new ByteWriter().u64(session).u64(sequence).u8(status.ordinal()).prefixed(body).toByteArray();
    }

    /** @throws MalformedEncodingException if {@code frame} is not a reply */
    public static ClientReply decode(byte[] frame) {
        ByteReader in = new ByteReader(frame, "client reply");
        long session = in.u64("session");
        long sequence = in.u64("sequence");
        int status = in.u8("status");
        if (status >= Status.values().length) {
            throw in.malformed("status " + status);
        }
        ClientReply reply = new ClientReply(session, sequence, Status.values()[status], in.prefixed("body"));
        in.end();
        return reply;
    }
}
