package org.maftia.group;

import java.util.List;
import org.maftia.group.abc.Abc;
import org.maftia.group.core.GroupKeys;
import org.maftia.group.stream.StreamEntry;

/**
 * Atomic broadcast (spec 3.2, AtomicStream; Protocol 7, ABC): every honest party receives the
 * same payloads in the same order, including each honest party's payloads. The stream's
 * protocol instance starts with the object; messages of other parties that arrive earlier wait.
 */
public class AtomicStream extends OrderedStream {

    private final Abc instance;

    public AtomicStream(GroupSite site, String protocolID, String groupID, GroupKeys keys) {
        this(site, protocolID, groupID, keys, Abc.Settings.DEFAULT, DEFAULT_WINDOW);
    }

    /** With explicit batch bounds and flow-control window. */
    public AtomicStream(GroupSite site, String protocolID, String groupID, GroupKeys keys, Abc.Settings settings, int window) {
        super(site, protocolID, groupID, keys, window);
        this.instance = start(new Abc(protocolID, keys, settings, new Abc.Output() {
            @Override
            public boolean deliver(StreamEntry.Data entry, List<StreamEntry.Data> mine) {
                mine.forEach(AtomicStream.this::settle);
                return AtomicStream.this.deliver(entry.payload(), false);
            }

            @Override
            public void dropped(StreamEntry.Data mine) {
                settle(mine);
            }

            @Override
            public void terminated() {
                terminate();
            }
        }));
    }

    /** As in the spec, plus the keys: the site is the one bound to this thread ({@link GroupSite#enter()}). */
    public AtomicStream(String protocolID, String groupID, GroupKeys keys) {
        this(GroupSite.current(), protocolID, groupID, keys);
    }

    /** The protocol instance, for monitoring on the protocol thread. */
    public Abc instance() {
        return instance;
    }
}
