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
 */
public class ConsistentStream extends AggregatedStream {

    /** As in the spec: at the site {@link Site#current()} resolves. */
    public ConsistentStream(String protocolID, String groupID) {
        this(Site.current(), protocolID, groupID);
    }

    public ConsistentStream(Site site, String protocolID, String groupID) {
        this(site, protocolID, groupID, StreamOptions.DEFAULT);
    }

    public ConsistentStream(Site site, String protocolID, String groupID, StreamOptions options) {
        // No delivered instance is kept: once a party delivered, its ready share is with the
        // sender already and the plain broadcast answers no requests (Protocol 6, lines 6-21).
        super(site, protocolID, groupID, options, "cbc", 0, consistentBroadcasts(site.groupKeys()));
    }

    private static Aggregation.SubFactory consistentBroadcasts(GroupKeys keys) {
        return (id, sender, deliver) -> {
            Vcbc vcbc = new Vcbc(id, sender, keys.vcbc(), Vcbc.DEFAULT_MAX_PAYLOAD, false, deliver);
            return new Aggregation.Sub(vcbc, vcbc::broadcast);
        };
    }
}
