package org.maftia.group;

import org.maftia.group.abc.Abc;
import org.maftia.group.core.GroupKeys;
import org.maftia.group.stream.StreamEntry;

/**
 * Atomic broadcast (spec 3.2, AtomicStream; Protocol 7, ABC): every honest party receives the
 * same payloads in the same order, including each honest party's payloads. The stream's
 * protocol instance starts with the object; messages of other parties that arrive earlier wait.
 */
public class AtomicStream extends OrderedStream {

    private final Abc abc;

    /** As in the spec: at the site {@link Site#current()} resolves. */
    public AtomicStream(String protocolID, String groupID) {
        this(Site.current(), protocolID, groupID);
    }

    public AtomicStream(Site site, String protocolID, String groupID) {
        this(site, protocolID, groupID, StreamOptions.DEFAULT);
    }

    public AtomicStream(Site site, String protocolID, String groupID, StreamOptions options) {
        super(site, protocolID, groupID, options);
        this.abc = start(new Abc(protocolID, site.groupKeys(), settings(options), new Abc.Output() {
            @Override
            public boolean deliver(StreamEntry.Data entry) {
                return AtomicStream.this.deliver(entry.payload(), own.delivered(entry));
            }

            @Override
            public void terminated() {
                terminate();
            }
        }));
    }

    /**
     * Closes refused at this site because their proof was not their origin's signature (a
     * corrupted party closing in another's name); counted on the protocol thread, this waits for it.
     */
    public long refusedCloses() {
        return onProtocolThread(abc::refusedCloses);
    }

    /** The round of Protocol 7 this site is in (each round orders one agreed batch of batches). */
    public long round() {
        return onProtocolThread(abc::round);
    }

    private long onProtocolThread(java.util.function.LongSupplier counter) {
        return site.onProtocolThread(() -> { }).thenApply(v -> counter.getAsLong()).join();
    }
}
