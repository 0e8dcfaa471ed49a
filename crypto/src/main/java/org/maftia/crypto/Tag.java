package org.maftia.crypto;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Tagged inputs of cryptographic operations (spec 5.2.1, convention 6): protocol id, group id and
 * extra data concatenated unambiguously, each part behind its 4-byte length, after a domain label
 * naming the operation so a share made for one use is worthless for another.
 */
public final class Tag {

    private Tag() {
    }

    public static byte[] of(String domain, String protocolId, String groupId, byte[]... data) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        part(out, domain.getBytes(StandardCharsets.UTF_8));
        part(out, protocolId.getBytes(StandardCharsets.UTF_8));
        part(out, groupId.getBytes(StandardCharsets.UTF_8));
        for (byte[] d : data) {
            part(out, d);
        }
        return out.toByteArray();
    }

    private static void part(ByteArrayOutputStream out, byte[] bytes) {
        int len = bytes.length;
        out.write(len >>> 24);
        out.write(len >>> 16);
        out.write(len >>> 8);
        out.write(len);
        out.write(bytes, 0, len);
    }
}
