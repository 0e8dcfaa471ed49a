package org.maftia.group.scabc;

import static org.maftia.group.core.MessageTypes.SCABC_DECRYPT;

import java.nio.ByteBuffer;
import org.maftia.crypto.MalformedEncodingException;
import org.maftia.crypto.codec.ByteReader;
import org.maftia.crypto.codec.ByteWriter;
import org.maftia.group.core.MalformedMessageException;
import org.maftia.group.core.WireMessage;

/**
 * Protocol 8, line 4: (decrypt, c, δ). The ciphertext is named by its position k in the order of
 * the atomic broadcast stream, which every honest party agrees on, instead of being sent again.
 */
record DecryptMessage(long position, byte[] share) implements WireMessage {

    /** Longest decryption share accepted: a TDH2 share is 139 bytes; the rest is room for other schemes. */
    static final int MAX_SHARE_BYTES = 1024;

    @Override
    public int type() {
        return SCABC_DECRYPT;
    }

    @Override
    public byte[] body() {
        return new ByteWriter().raw(ByteBuffer.allocate(8).putLong(position).array()).prefixed(share).toByteArray();
    }

    /** Decodes SC-ABC's only message. */
    static DecryptMessage decode(int type, byte[] body) throws MalformedMessageException {
        if (type != SCABC_DECRYPT) {
            throw new MalformedMessageException("message type 0x" + Integer.toHexString(type) + " is not an SC-ABC decrypt message");
        }
        try {
            ByteReader r = new ByteReader(body, "SC-ABC decrypt message");
            long k = ByteBuffer.wrap(r.raw(8, "position")).getLong();
            byte[] share = r.prefixed("decryption share");
            r.end();
            if (k < 0) {
                throw new MalformedMessageException("negative position " + k);
            }
            if (share.length > MAX_SHARE_BYTES) {
                throw new MalformedMessageException("decryption share of " + share.length + " bytes, over " + MAX_SHARE_BYTES);
            }
            return new DecryptMessage(k, share);
        } catch (MalformedEncodingException e) {
            throw new MalformedMessageException(e.getMessage());
        }
    }
}
