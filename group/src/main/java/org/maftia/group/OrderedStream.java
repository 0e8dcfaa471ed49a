package org.maftia.group;

import org.maftia.group.core.GroupKeys;
import org.maftia.group.core.ProtocolInstance;
import org.maftia.group.stream.OwnEntries;
import org.maftia.group.stream.StreamEntry;
import org.maftia.group.stream.TotalOrder;

/** What the totally ordered streams share: a {@link TotalOrder} instance driven by the stream API. */
abstract class OrderedStream extends Stream {

    protected final OwnEntries own;
    private TotalOrder instance;

    OrderedStream(GroupSite site, String protocolID, String groupID, GroupKeys keys, int window) {
        super(site, protocolID, groupID, window);
        if (keys == null) {
            throw new IllegalArgumentException("a " + getClass().getSimpleName() + " needs the site's group keys");
        }
        this.own = new OwnEntries(site.parameters().self());
    }

    /** Starts the stream's protocol instance at the site; called once by the constructor. */
    protected final <T extends ProtocolInstance & TotalOrder> T start(T protocol) {
        this.instance = protocol;
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
        instance.broadcast(instance.closeEntry(site.parameters().self(), getGroupID()));
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
