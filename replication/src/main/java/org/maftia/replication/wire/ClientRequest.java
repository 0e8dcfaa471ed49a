package org.maftia.replication.wire;

import org.maftia.crypto.MalformedEncodingException;
import org.maftia.crypto.codec.ByteReader;
import org.maftia.crypto.codec.ByteWriter;

/**
 * (v-multicast, m|seq) of Protocol 11, line 16, from a client to one member; or a read-only request
 * the client sends to every member. The client is who the link authenticated, never a field.
 */
public record ClientRequest(boolean readOnly, long session, long sequence, byte[] operation) {

    private static final int ORDERED = 1;
    private static final int READ_ONLY = 2;
    /** Kind, session, number and the operation's length. */
    public static final int OVERHEAD_BYTES = 1 + 8 + 8 + 4;

    public byte[] encode() {
        return new ByteWriter().u8(readOnly ? READ_ONLY : ORDERED).u64(session).u64(sequence).prefixed(operation).toByteArray();
    }

    /** @throws MalformedEncodingException if {@code frame} is not a request */
    public static ClientRequest decode(byte[] frame) {
        ByteReader in = new ByteReader(frame, "client request");
        int kind = in.u8("kind");
        if (kind != ORDERED && kind != READ_ONLY) {
            throw in.malformed("kind " + kind);
        }
        ClientRequest request = new ClientRequest(kind == READ_ONLY, in.u64("session"), in.u64("sequence"), in.prefixed("operation"));
        in.end();
        return request;
    }
}
