package org.maftia.group;

import org.maftia.group.abc.Abc;
import org.maftia.group.core.ProtocolInstance;
import org.maftia.group.stream.OwnEntries;
import org.maftia.group.stream.TotalOrder;

/** What the totally ordered streams share: a {@link TotalOrder} instance driven by the stream API. */
abstract class OrderedStream extends Stream {

    final OwnEntries own;
    private TotalOrder instance;

    OrderedStream(Site site, String protocolID, String groupID, StreamOptions options) {
        super(site, protocolID, groupID, options);
        this.own = new OwnEntries(site.id());
    }

    /** The bounds of Protocol 7's instance for {@code options}. */
    static Abc.Settings settings(StreamOptions options) {
        Abc.Settings d = Abc.Settings.DEFAULT;
        return new Abc.Settings(options.maxBatch(), options.maxBatchBytes(), d.roundsAhead(), d.roundsKept(),
                d.roundsRemembered(), d.decisionsKept());
    }

    /** Starts the stream's protocol instance at the site; called once by the constructor. */
    final <T extends ProtocolInstance & TotalOrder> T start(T protocol) {
        this.instance = protocol;
        site.start(protocol);
        return protocol;
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
    protected void release() {
        instance.release();
    }
}
