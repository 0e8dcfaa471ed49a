package org.maftia.bench.appia;

import java.util.ArrayList;
import java.util.List;
import org.maftia.appia.Appia;
import org.maftia.appia.Channel;
import org.maftia.appia.ChannelCursor;
import org.maftia.appia.ChannelInit;
import org.maftia.appia.Direction;
import org.maftia.appia.Event;
import org.maftia.appia.Layer;
import org.maftia.appia.QoS;
import org.maftia.appia.Session;
import org.maftia.appia.time.SystemClock;
import org.maftia.appia.time.VirtualClock;

/**
 * The 10-layer stack the {@link StackBenchmark} drives, the shape of the reference Appia 4.1.2
 * figures: a {@link Bottom} that turns every DOWN {@link Ping} around, {@value #PASS_LAYERS}
 * {@link Pass} sessions that only call {@code go()}, and a {@link Top} that sends the pings and
 * counts those that come back. One round trip is {@value #DISPATCHES_PER_ROUND_TRIP} dispatches:
 * 8 pass-throughs and the bottom going down, 8 pass-throughs and the top coming up (the top's own
 * send is a {@code go()} from outside a handler, not a dispatch).
 *
 * <p>The stack runs hand-driven on the caller's thread ({@link Appia#runUntilIdle}); {@link
 * #verifyRoundTrip} traces one round trip and throws unless every one of the 10 sessions saw the
 * ping in the right order and direction, so a benchmark cannot silently measure nothing.
 */
final class BenchStack {

    static final int PASS_LAYERS = 8;
    static final int LAYERS = PASS_LAYERS + 2;
    static final int DISPATCHES_PER_ROUND_TRIP = 2 * PASS_LAYERS + 2;

    final Appia appia;
    final Channel channel;
    final Top top;
    /** The sessions by position, bottom first, for the checks. */
    private final Session[] sessions = new Session[LAYERS];

    /**
     * Builds and starts the channel. {@code clock} is "system" (wall clock, as in production) or
     * "virtual" (a clock that stands still, which takes the clock read the hand-driven loop makes
     * per event out of the measure). Pings stop at the top until {@link #startWindow} makes it
     * send every ping that arrives down again at once (continuous load).
     */
    BenchStack(String clock) {
        appia = switch (clock) {
            case "system" -> new Appia(new SystemClock());
            case "virtual" -> new Appia(new VirtualClock());
            default -> throw new IllegalArgumentException("clock must be system or virtual, not " + clock);
        };
        Layer[] layers = new Layer[LAYERS];
        layers[0] = new BottomLayer();
        for (int i = 1; i <= PASS_LAYERS; i++) {
            layers[i] = new PassLayer();
        }
        layers[LAYERS - 1] = new TopLayer();
        channel = new QoS("bench-stack", layers).createUnboundChannel("bench", appia.getEventScheduler());
        channel.start();
        int initDispatches = appia.runUntilIdle(1_000);
        ChannelCursor cursor = channel.getCursor();
        for (int i = 0; i < LAYERS; i++) {
            cursor.jumpTo(i);
            sessions[i] = cursor.getSession();
        }
        top = (Top) sessions[LAYERS - 1];
        // ChannelInit is accepted by all 10 layers and leaves at the top.
        check(initDispatches == LAYERS, "ChannelInit took " + initDispatches + " dispatches, expected " + LAYERS);
        check(top.channel == channel, "the top session did not see ChannelInit");
    }

    /**
     * Sends one ping down, runs the loop until idle with a tracer on, and throws unless the ping
     * crossed the 8 pass-throughs down, was bounced by the bottom, crossed them up and reached
     * the top: exactly {@value #DISPATCHES_PER_ROUND_TRIP} dispatches in that order. Only before
     * {@link #startWindow}.
     */
    void verifyRoundTrip() {
        List<String> seen = new ArrayList<>();
        appia.setTracer((target, event) -> seen.add(positionOf(target) + (event.getDirection().isUp() ? "U" : "D")));
        long arrivalsBefore = top.arrivals;
        top.sendDown(new Ping());
        int handled = appia.runUntilIdle(1_000);
        appia.setTracer(null);

        List<String> expected = new ArrayList<>();
        for (int p = PASS_LAYERS; p >= 1; p--) {
            expected.add(p + "D");
        }
        expected.add("0D");
        for (int p = 1; p <= LAYERS - 1; p++) {
            expected.add(p + "U");
        }
        check(seen.equals(expected), "the ping went " + seen + ", expected " + expected);
        check(handled == DISPATCHES_PER_ROUND_TRIP, "runUntilIdle handled " + handled);
        check(top.arrivals == arrivalsBefore + 1, "the top saw " + (top.arrivals - arrivalsBefore) + " pings back, not 1");
        checkHealthy(0);
    }

    /**
     * Switches the top to re-injecting, puts {@code window} pings in flight, and runs exactly one
     * round trip of each ({@code window} x {@value #DISPATCHES_PER_ROUND_TRIP} dispatches) with a
     * tracer on; throws unless every pass-through saw each ping once each way, the bottom once
     * going down and the top once coming up. The FIFO scheduler then holds the {@code window}
     * pings again, all sent down anew, so every later batch of that many dispatches is again
     * exactly one round trip per ping.
     */
    void startWindow(int window) {
        check(window >= 1, "window " + window);
        int[] down = new int[LAYERS];
        int[] up = new int[LAYERS];
        appia.setTracer((target, event) -> (event.getDirection().isUp() ? up : down)[positionOf(target)]++);
        top.reinject = true;
        long arrivalsBefore = top.arrivals;
        for (int i = 0; i < window; i++) {
            top.sendDown(new Ping());
        }
        int handled = appia.runUntilIdle(window * DISPATCHES_PER_ROUND_TRIP);
        appia.setTracer(null);

        check(handled == window * DISPATCHES_PER_ROUND_TRIP, "runUntilIdle handled " + handled);
        for (int p = 0; p < LAYERS; p++) {
            int wantDown = p == LAYERS - 1 ? 0 : window;
            int wantUp = p == 0 ? 0 : window;
            check(down[p] == wantDown && up[p] == wantUp, "position " + p + " handled " + down[p] + " down and "
                    + up[p] + " up, expected " + wantDown + " and " + wantUp);
        }
        check(top.arrivals == arrivalsBefore + window, "the top saw " + (top.arrivals - arrivalsBefore)
                + " pings back, not " + window);
        checkHealthy(window);
    }

    /**
     * Throws unless no session threw, no event was dropped, and {@code inFlight} events are
     * queued. (The loop catches session exceptions and, with slf4j-nop, says nothing.)
     */
    void checkHealthy(int inFlight) {
        check(appia.failedHandles() == 0, appia.failedHandles() + " handle() calls threw");
        check(appia.droppedEvents() == 0, appia.droppedEvents() + " events were dropped");
        check(channel.getEventScheduler().pending() == inFlight,
                channel.getEventScheduler().pending() + " events queued, expected " + inFlight);
    }

    private int positionOf(Session s) {
        for (int i = 0; i < LAYERS; i++) {
            if (sessions[i] == s) {
                return i;
            }
        }
        return -1;
    }

    static void check(boolean ok, String what) {
        if (!ok) {
            throw new IllegalStateException("benchmark stack is broken: " + what);
        }
    }

    /** The event that makes the round trips. */
    static final class Ping extends Event {
    }

    static final class BottomLayer extends Layer {
        BottomLayer() {
            evProvide = events(Ping.class);
            evAccept = events(Ping.class, ChannelInit.class);
        }

        @Override
        public Session createSession() {
            return new Bottom(this);
        }
    }

    /**
     * Turns a DOWN ping around: the same instance, re-initialised as coming UP from here (no
     * allocation, so the kernel's own cost is what is measured).
     */
    static final class Bottom extends Session {
        Bottom(Layer layer) {
            super(layer);
        }

        @Override
        public void handle(Event event) {
            if (event.getDirection().isDown()) {
                event.getDirection().invert();
                event.setSource(this);
                event.init();
            }
            event.go();
        }
    }

    static final class PassLayer extends Layer {
        PassLayer() {
            evAccept = events(Ping.class, ChannelInit.class);
        }

        @Override
        public Session createSession() {
            return new Pass(this);
        }
    }

    /** A micro-protocol that does nothing but forward. */
    static final class Pass extends Session {
        Pass(Layer layer) {
            super(layer);
        }

        @Override
        public void handle(Event event) {
            event.go();
        }
    }

    static final class TopLayer extends Layer {
        TopLayer() {
            evProvide = events(Ping.class);
            evAccept = events(Ping.class, ChannelInit.class);
        }

        @Override
        public Session createSession() {
            return new Top(this);
        }
    }

    /** Sends pings down and counts those that come back up; a re-injecting top resends them. */
    static final class Top extends Session {
        boolean reinject;
        Channel channel;
        long arrivals;

        Top(Layer layer) {
            super(layer);
        }

        @Override
        public void handle(Event event) {
            if (event instanceof Ping ping) {
                arrivals++;
                if (reinject) {
                    sendDown(ping);
                }
                return;
            }
            if (event instanceof ChannelInit) {
                channel = event.getChannel();
            }
            event.go();
        }

        /**
         * Sends {@code ping} (new, or back at the top) down from this session. Called from a
         * handler, or by the benchmark thread while no loop runs.
         */
        void sendDown(Ping ping) {
            Direction d = ping.getDirection();
            if (d == null) {
                ping.setDirection(Direction.down());
            } else if (d.isUp()) {
                d.invert();
            }
            ping.setChannel(channel);
            ping.setSource(this);
            ping.init();
            ping.go();
        }
    }
}
