package org.maftia.group.abba;

import org.maftia.group.abba.AbbaMessage.PreVote;
import org.maftia.group.abba.AbbaMessage.PreVoteJustification.External;
import org.maftia.group.core.GroupKeys;

/**
 * ABBA messages a corrupted party builds by hand, for tests of other packages: well-formed and
 * carrying the party's genuine share, so only what the test chose is wrong.
 */
public final class ForgedAbbaMessages {

    private ForgedAbbaMessages() {
    }

    /** The body of a round-1 pre-vote for {@code b} of validated ABBA {@code protocolId}, justified by {@code proof}. */
    public static byte[] roundOnePreVote(GroupKeys keys, String protocolId, String groupId, boolean b, byte[] proof) {
        return new PreVote(1, b, new External(proof), keys.abbaMain().sign(AbbaTags.preVote(protocolId, groupId, 1, b))).body();
    }

    /** The length of that body without the proof. */
    public static int roundOnePreVoteBytesBesidesProof(GroupKeys keys, String protocolId, String groupId) {
        return roundOnePreVote(keys, protocolId, groupId, false, new byte[0]).length;
    }
}
