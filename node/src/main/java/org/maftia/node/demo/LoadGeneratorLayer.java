package org.maftia.node.demo;

import java.util.concurrent.CompletableFuture;
import java.util.function.LongConsumer;
import org.maftia.appia.Channel;
import org.maftia.appia.ChannelClose;
import org.maftia.appia.ChannelInit;
import org.maftia.appia.Layer;
import org.maftia.appia.Session;

/**
 * Top of the demo stack: sends a window of {@link DemoMessage}s, verifies each that comes back and
 * sends the next, ends the channel when all are back. {@link #result()} completes when the channel
 * has stopped.
 */
public final class LoadGeneratorLayer extends Layer {

    private final LoadSettings settings;
    private final LongConsumer progress;
    private final CompletableFuture<LoadResult> result = new CompletableFuture<>();

    /** {@code progress} is told the number of messages back so far, on every progress timer. */
    public LoadGeneratorLayer(LoadSettings settings, LongConsumer progress) {
        this.settings = settings;
        this.progress = progress;
        evProvide = events(DemoMessage.class, ProgressTimer.class);
        evAccept = events(DemoMessage.class, ProgressTimer.class, ChannelInit.class, ChannelClose.class);
    }

    @Override
    public Session createSession() {
        return new LoadGeneratorSession(this, settings, progress);
    }

    @Override
    public void channelDispose(Session session, Channel channel) {
        result.complete(((LoadGeneratorSession) session).result());
    }

    public CompletableFuture<LoadResult> result() {
        return result;
    }
}
