package org.maftia.group;

import org.maftia.group.abc.Abc;
import org.maftia.group.core.ProtocolInstance;
import org.maftia.group.core.WireLimits;
import org.maftia.group.stream.OwnEntries;
import org.maftia.group.stream.StreamEntry;
import org.maftia.group.stream.TotalOrder;
import org.maftia.net.tcp.TcpSettings;

/** What the totally ordered streams share: a {@link TotalOrder} instance driven by the stream API. */
abstract class OrderedStream extends Stream {

    final OwnEntries own;
    private final int maxPayload;
    private TotalOrder instance;
    private ProtocolInstance<?> protocol;

    /**
     * @throws IllegalArgumentException if a proposal of n batches of {@code options.maxBatchBytes()}
     *         cannot be a VBA payload in a group of the site's n ({@link WireLimits}); the message
     *         names the largest that fits
     */
    OrderedStream(Site site, String protocolID, String groupID, StreamOptions options) {
        super(site, protocolID, groupID, options);
        new WireLimits(TcpSettings.DEFAULTS.maxFrameBytes(), site.n()).requireAbcBatch(options.maxBatch(), options.maxBatchBytes());
        this.own = new OwnEntries(site.id());
        this.maxPayload = options.maxBatchBytes() - StreamEntry.Data.OVERHEAD_BYTES;
    }

    /** The bounds of Protocol 7's instance for {@code options}. */
    static Abc.Settings settings(StreamOptions options) {
        Abc.Settings d = Abc.Settings.DEFAULT;
        return new Abc.Settings(options.maxBatch(), options.maxBatchBytes(), d.roundsAhead(), d.roundsKept(),
                d.roundsRemembered(), d.decisionsKept(), d.decisionBytes());
    }

    /** A payload must fit a batch on its own, as a batch must fit a proposal. */
    @Override
    void checkPayload(byte[] m) {
        if (m.length > maxPayload) {
            throw new IllegalArgumentException("a payload of " + m.length + " bytes does not fit a batch of stream "
                    + protocolID + ": at most " + maxPayload + " bytes (StreamOptions.maxBatchBytes less the entry header)");
        }
    }

    /** Starts the stream's protocol instance at the site; called once by the constructor. */
    final <T extends ProtocolInstance<?> & TotalOrder> T start(T protocol) {
        this.instance = protocol;
        this.protocol = protocol;
        site.start(protocol);
        return protocol;
    }

    /** This party's broadcast {@code mine} needs nothing more from the protocol: delivered, or never to be. */
    protected final void settle(StreamEntry.Data mine) {
        if (own.delivered(mine)) {
            settled();
        }
    }

    @Override
    protected void submit(byte[] m) {
        instance.broadcast(own.next(m));
    }

    @Override
    protected void submitClose() {
        instance.broadcast(instance.closeEntry(site.id(), getGroupID()));
    }

    @Override
    protected void resume() {
        instance.resume();
    }

    @Override
    protected void abortProtocol() {
        protocol.abort();
    }
}
