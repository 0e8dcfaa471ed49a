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

    /**
     * What this site's instance of the stream holds for the others, in bytes: decided vectors
     * kept for catch-up, the agreements and queue messages of recent rounds, payloads queued to be
     * proposed, and the set of payloads delivered (each bounded; see the ABC package's design note).
     */
    public record Held(long decisions, long rounds, long queued, long delivered) {
        public long total() {
            return decisions + rounds + queued + delivered;
        }
    }

    /** What this site holds now; read on the protocol thread, this waits for it. */
    public Held held() {
        return site.onProtocolThread(() -> { }).thenApply(v -> {
            Abc.BytesHeld b = abc.bytesHeld();
            return new Held(b.decisions(), b.rounds(), b.queued(), b.delivered());
        }).join();
    }

    private long onProtocolThread(java.util.function.LongSupplier counter) {
        return site.onProtocolThread(() -> { }).thenApply(v -> counter.getAsLong()).join();
    }
}
