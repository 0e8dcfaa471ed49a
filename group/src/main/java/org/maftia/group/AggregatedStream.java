package org.maftia.group;

import org.maftia.group.stream.Aggregation;

/**
 * An aggregated broadcast stream (spec 3.2 "Stream", 5.2.1.8): the stream is made of one
 * broadcast per sender at a time, the next started as soon as one delivers; what they deliver goes
 * to the application in the order it is delivered. Per sender, payloads come in the order sent;
 * across senders, the order varies from party to party. The subclasses choose the broadcast, and
 * with it the guarantees. The machinery is {@link Aggregation}.
 */
public abstract class AggregatedStream extends Stream {

    private final Aggregation engine;

    /** A stream whose sub-broadcasts are tagged {@code tag}, made by {@code factory}, {@code retained} kept per sender. */
    AggregatedStream(Site site, String protocolID, String groupID, StreamOptions options, String tag, int retained,
                     Aggregation.SubFactory factory) {
        super(site, protocolID, groupID, options);
        this.engine = new Aggregation(protocolID, tag, retained, factory, new Aggregation.Output() {
            @Override
            public boolean deliver(byte[] payload, boolean own) {
                return AggregatedStream.this.deliver(payload, own);
            }

            @Override
            public void terminate() {
                AggregatedStream.this.terminate();
            }
        });
        site.start(engine);
    }

    /**
     * Entries this site refused (undecodable, or naming another origin or number than the
     * sub-broadcast that delivered them): each is proof that its sender is corrupted, and ends
     * that sender's part of the stream.
     */
    public long refusedEntries() {
        return engine.refused();
    }

    @Override
    protected void submit(byte[] m) {
        engine.submit(m);
    }

    @Override
    protected void submitClose() {
        engine.submitClose();
    }

    @Override
    protected void resume() {
        engine.resume();
    }

    @Override
    protected void abortProtocol() {
        engine.abort();
    }
}
