package org.maftia.group.abc;

import java.nio.ByteBuffer;
import org.maftia.crypto.Share;
import org.maftia.crypto.Tag;
import org.maftia.group.abc.AbcMessages.Signed;
import org.maftia.group.core.Digest;
import org.maftia.group.core.GroupKeys;

/**
 * What a party of Protocol 7 signs, and the checks of those signatures: its queue message of each
 * round (line 7: (queue, r, j, w)) and its close of the stream (spec 3.2), both with its share of
 * S ({@code KeyPurpose.ABBA_MAIN}, which says why one key serves both), tagged with the stream and
 * group (convention 6) so that no signature made for one counts for another.
 */
final class QueueSignatures {

    private final GroupKeys keys;
    private final String protocolId;

    QueueSignatures(GroupKeys keys, String protocolId) {
        this.keys = keys;
        this.protocolId = protocolId;
    }

    /** Line 7: σ, this party's signature on (queue, r, j, w). */
    byte[] signQueue(String groupId, long round, int self, byte[] w) {
        return keys.abbaMain().sign(queueTag(groupId, round, self, w)).encoded();
    }

    /** Line 9: whether {@code e} is P_j's signed batch of {@code round}. */
    boolean validQueue(String groupId, long round, Signed e) {
        try {
            return keys.abbaMainKey().verifyShare(queueTag(groupId, round, e.party(), e.batch()), new Share(e.party(), e.signature()))
                    .isValid();
        } catch (RuntimeException malformed) {
            return false;
        }
    }

    /** This party's close: its signature on (close, origin). */
    byte[] signClose(String groupId, int self) {
        return keys.abbaMain().sign(closeTag(groupId, self)).encoded();
    }

    /** Whether {@code proof} is P_origin's close. */
    boolean validClose(String groupId, int origin, byte[] proof) {
        try {
            return keys.abbaMainKey().verifyShare(closeTag(groupId, origin), new Share(origin, proof)).isValid();
        } catch (RuntimeException malformed) {
            return false;
        }
    }

    /** A signed batch's identity, so that Θ_r does not check one twice. */
    static Digest fingerprint(Signed e) {
        return Digest.of(ByteBuffer.allocate(4 + e.batch().length + e.signature().length).putInt(e.party())
                .put(e.batch()).put(e.signature()).array());
    }

    private byte[] queueTag(String groupId, long round, int j, byte[] w) {
        return Tag.of("abc-queue", protocolId, groupId, ByteBuffer.allocate(12).putLong(round).putInt(j).array(),
                Digest.of(w).bytes());
    }

    private byte[] closeTag(String groupId, int origin) {
        return Tag.of("abc-close", protocolId, groupId, ByteBuffer.allocate(4).putInt(origin).array());
    }
}
