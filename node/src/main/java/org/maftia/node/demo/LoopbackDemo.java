package org.maftia.node.demo;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.maftia.appia.Appia;
import org.maftia.appia.Channel;
import org.maftia.appia.ChannelCursor;
import org.maftia.appia.Event;
import org.maftia.appia.Layer;
import org.maftia.appia.QoS;
import org.maftia.appia.Session;

/**
 * Runs the loopback demo: one Appia on its own thread, one channel of
 * bounce / checksum / sequence / load generator, and prints how one message flows through the
 * stack, progress, and the rate at the end.
 */
public final class LoopbackDemo {

    private final LoadSettings settings;
    private final PrintWriter out;
    private long dispatches;

    public LoopbackDemo(LoadSettings settings, PrintWriter out) {
        this.settings = settings;
        this.out = out;
    }

    /** Runs the demo; true when every message came back intact and in order. */
    public boolean run(Duration timeout) throws InterruptedException {
        Appia appia = new Appia();
        LoadGeneratorLayer generator = new LoadGeneratorLayer(settings, this::progress);
        Layer[] layers = {new BounceLayer(), new ChecksumLayer(), new SequenceLayer(), generator};
        QoS qos = new QoS("loopback-demo", layers);
        Channel channel = qos.createUnboundChannel("demo", appia.getEventScheduler());

        out.printf(Locale.ROOT, "Appia channel '%s', QoS %s (bottom first)%n", channel.getChannelID(), qos);
        out.printf(Locale.ROOT, "Sending %,d messages of %,d bytes, %d in flight at most.%n%n",
                settings.messages(), settings.payloadBytes(), settings.window());
        out.println("How message #0 flows (event, direction, session it is handed to, message length):");
        appia.setTracer(this::trace);
        channel.start();
        Thread loop = appia.startThread("appia-demo");
        LoadResult result;
        try {
            result = generator.result().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            out.println("The demo did not finish within " + timeout + "; stopping.");
            return false;
        } catch (ExecutionException e) {
            throw new IllegalStateException("the demo failed", e.getCause());
        } finally {
            appia.stop();
            loop.join();
        }
        return report(result, channel, appia);
    }

    private void trace(Session target, Event event) {
        dispatches++;
        if (event instanceof DemoMessage m && m.index() == 0) {
            out.printf(Locale.ROOT, "  %-12s %-5s -> %-22s %,6d bytes%n", event.getClass().getSimpleName(),
                    event.getDirection(), target, m.getMessage().length());
        }
    }

    private void progress(long delivered) {
        out.printf(Locale.ROOT, "  ... %,d messages back%n", delivered);
        out.flush();
    }

    private boolean report(LoadResult r, Channel channel, Appia appia) {
        ChannelCursor cursor = channel.getCursor();
        cursor.jumpTo(1);
        ChecksumSession checksum = (ChecksumSession) cursor.getSession();
        cursor.jumpTo(2);
        SequenceSession sequence = (SequenceSession) cursor.getSession();
        double seconds = r.elapsedNanos() / 1e9;
        double mbPerSecond = r.delivered() * (double) settings.payloadBytes() / seconds / 1e6;

        out.println();
        out.printf(Locale.ROOT, "Sent %,d, back intact and in order %,d, bad payloads %,d.%n", r.sent(), r.delivered(), r.badPayloads());
        out.printf(Locale.ROOT, "Checksum: %,d verified, %,d corrupted. Sequence: %,d out of order.%n",
                checksum.verified(), checksum.corrupted(), sequence.outOfOrder());
        out.printf(Locale.ROOT, "Session failures contained by the loop: %d. Channel is %s.%n", appia.failedHandles(), channel.state());
        out.printf(Locale.ROOT, "%.3f s: %,.0f round trips/s, %,.1f MB/s of payload each way; "
                        + "%,d events handed to sessions (%,.0f ns each, checksumming included).%n",
                seconds, r.messagesPerSecond(), mbPerSecond, dispatches, r.elapsedNanos() / (double) Math.max(1, dispatches));
        out.flush();
        return r.delivered() == settings.messages() && r.badPayloads() == 0
                && checksum.corrupted() == 0 && sequence.outOfOrder() == 0 && appia.failedHandles() == 0;
    }
}
