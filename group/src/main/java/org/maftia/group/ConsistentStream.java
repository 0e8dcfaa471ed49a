package org.maftia.group;

import org.maftia.group.core.GroupKeys;
import org.maftia.group.stream.Aggregation;
import org.maftia.group.vcbc.Vcbc;

/**
 * Consistent stream (spec 3.2, 5.2.1.8): consistent broadcasts (Protocol 6) aggregated into a
 * stream, sender P_j's k-th message in instance {@code protocolID|cbc|j|k}. Honest parties that
 * deliver a sender's k-th payload deliver the same one, in the order the sender sent them, and all
 * deliver an honest sender's payloads; a corrupted sender may leave some honest parties without
 * its payload, which stalls its part of the stream only.
 *
 * <p>The keys are the site's dealt {@link GroupKeys}, as for {@link ConsistentBroadcast}.
 */
public class ConsistentStream extends AggregatedStream {

    public ConsistentStream(GroupSite site, String protocolID, String groupID, GroupKeys keys) {
        this(site, protocolID, groupID, keys, DEFAULT_WINDOW);
    }

    /** With a flow-control window other than {@link Stream#DEFAULT_WINDOW}. */
    public ConsistentStream(GroupSite site, String protocolID, String groupID, GroupKeys keys, int window) {
        // No delivered instance is kept: once a party delivered, its ready share is with the
        // sender already and the plain broadcast answers no requests (Protocol 6, lines 6-21).
        super(site, protocolID, groupID, window, "cbc", 0, consistentBroadcasts(ConsistentBroadcast.checkedKeys(site, keys)));
    }

    private static Aggregation.SubFactory consistentBroadcasts(GroupKeys keys) {
        return (id, sender, deliver) -> {
            Vcbc vcbc = new Vcbc(id, sender, keys.vcbc(), Vcbc.DEFAULT_MAX_PAYLOAD, false, deliver);
            return new Aggregation.Sub(vcbc, vcbc::broadcast);
        };
    }

    /** As in the spec, plus the keys: the site is the one bound to this thread ({@link GroupSite#enter()}). */
    public ConsistentStream(String protocolID, String groupID, GroupKeys keys) {
        this(GroupSite.current(), protocolID, groupID, keys);
    }
}
