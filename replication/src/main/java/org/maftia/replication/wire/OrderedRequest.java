package org.maftia.replication.wire;

import org.maftia.crypto.MalformedEncodingException;
import org.maftia.crypto.codec.ByteReader;
import org.maftia.crypto.codec.ByteWriter;
import org.maftia.net.client.ClientId;
import org.maftia.replication.Invoker;

/**
 * (a-broadcast, m|seq|source) of Protocol 12, line 5: a client's request as the member that
 * received it broadcasts it on the group's atomic broadcast, with the client it came from.
 */
public record OrderedRequest(Invoker invoker, byte[] operation) {

    public byte[] encode() {
        return new ByteWriter().raw(invoker.client().publicKey()).u64(invoker.session()).u64(invoker.sequence())
                .prefixed(operation).toByteArray();
    }

    /**
     * @throws MalformedEncodingException if {@code payload} is not one: a corrupted member's
     *         broadcast, which every honest replica skips alike
     */
    public static OrderedRequest decode(byte[] payload) {
        ByteReader in = new ByteReader(payload, "ordered request");
        ClientId client = new ClientId(in.raw(32, "client"));
        OrderedRequest request = new OrderedRequest(new Invoker(client, in.u64("session"), in.u64("sequence")), in.prefixed("operation"));
        in.end();
        return request;
    }
}
