package org.maftia.group;

import org.maftia.group.rbc.Rbc;
import org.maftia.group.stream.Aggregation;

/**
 * Reliable stream (spec 3.2, 5.2.1.8): reliable broadcasts (Protocol 5) aggregated into a stream,
 * sender P_j's k-th message in instance {@code protocolID|rbc|j|k}. All honest parties deliver
 * the same payloads from each sender, in the order it sent them, and all of an honest sender's
 * payloads; across senders the order is each party's own.
 */
public class ReliableStream extends AggregatedStream {

    /**
     * MiB of delivered reliable broadcasts kept running per sender until every party reported it
     * delivered them, so that a party lagging behind can still get a payload it lacks (Protocol 5,
     * lines 25-27); see {@code Aggregation} for why the bound is in bytes and what it costs.
     */
    public static final int RETAINED_MIB_PER_SENDER = 8;

    /** As in the spec: at the site {@link Site#current()} resolves. */
    public ReliableStream(String protocolID, String groupID) {
        this(Site.current(), protocolID, groupID);
    }

    public ReliableStream(Site site, String protocolID, String groupID) {
        this(site, protocolID, groupID, StreamOptions.DEFAULT);
    }

    public ReliableStream(Site site, String protocolID, String groupID, StreamOptions options) {
        super(site, protocolID, groupID, options, "rbc", RETAINED_MIB_PER_SENDER, (id, sender, deliver) -> {
            Rbc rbc = new Rbc(id, sender, Rbc.DEFAULT_MAX_PAYLOAD, deliver);
            return new Aggregation.Sub(rbc, rbc::broadcast);
        });
    }
}
