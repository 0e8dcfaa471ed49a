package org.maftia.group.abba;

import java.nio.ByteBuffer;
import org.maftia.crypto.Tag;

/**
 * What Protocol 3 signs and tosses, tagged with the instance and the group (spec 5.2.1,
 * convention 6), so no share or signature of one instance, round or value counts in another.
 */
final class AbbaTags {

    private AbbaTags() {
    }

    /** What S' signs at line 2. */
    static byte[] preProcess(String protocolId, String groupId, boolean b) {
        return Tag.of("abba-pre-process", protocolId, groupId, new byte[] {(byte) (b ? 1 : 0)});
    }

    /** What S signs at line 10. */
    static byte[] preVote(String protocolId, String groupId, int r, boolean b) {
        return Tag.of("abba-pre-vote", protocolId, groupId, int4(r), new byte[] {(byte) (b ? 1 : 0)});
    }

    /** What S signs at line 15 (v = 2 for abstain). */
    static byte[] mainVote(String protocolId, String groupId, int r, int v) {
        return Tag.of("abba-main-vote", protocolId, groupId, int4(r), new byte[] {(byte) v});
    }

    /** The coin's name at line 23. */
    static byte[] coin(String protocolId, String groupId, int r) {
        return Tag.of("abba-coin", protocolId, groupId, int4(r));
    }

    private static byte[] int4(int r) {
        return ByteBuffer.allocate(4).putInt(r).array();
    }
}
