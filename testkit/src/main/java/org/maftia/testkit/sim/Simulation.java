package org.maftia.testkit.sim;

import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;
import java.util.SplittableRandom;
import java.util.function.BooleanSupplier;
import org.maftia.appia.Appia;
import org.maftia.appia.Event;
import org.maftia.appia.Session;
import org.maftia.appia.time.VirtualClock;

/**
 * Runs many sites on one thread and one virtual clock, reproducibly from a seed.
 *
 * <p>A step either lets one site with work run one event (the site is drawn from the seeded
 * generator among those ready, so interleavings vary with the seed), or, when no site has work,
 * advances virtual time to the next scheduled action or timer and runs what is due then. Nothing
 * reads the wall clock, so the same seed gives the same run, event for event: {@link #trace()}
 * and {@link #fingerprint()} show it.
 */
public final class Simulation {

    private record Action(long atNanos, long seq, Runnable run) implements Comparable<Action> {
        @Override
        public int compareTo(Action o) {
            int c = Long.compare(atNanos, o.atNanos);
            return c != 0 ? c : Long.compare(seq, o.seq);
        }
    }

    private final long seed;
    private final SplittableRandom random;
    private final VirtualClock clock = new VirtualClock();
    private final List<SimSite> sites = new ArrayList<>();
    private final PriorityQueue<Action> actions = new PriorityQueue<>();
    private final List<SimSite> ready = new ArrayList<>();
    private final List<TraceEntry> trace = new ArrayList<>();
    private boolean keepTrace;
    private boolean tolerateSessionFailures;
    private RuntimeException sessionFailure;
    private long fingerprint = 0xcbf29ce484222325L;
    private long actionSeq;
    private long steps;
    private long dispatches;

    public Simulation(long seed) {
        this.seed = seed;
        this.random = new SplittableRandom(seed);
    }

    public long seed() {
        return seed;
    }

    /** The seeded generator every random choice of the run must come from. */
    public SplittableRandom random() {
        return random;
    }

    /** Virtual nanoseconds since the start of the run. */
    public long nowNanos() {
        return clock.elapsedNanos();
    }

    public VirtualClock clock() {
        return clock;
    }

    /** Keeps every dispatch in {@link #trace()} (the fingerprint is always computed). */
    public Simulation keepTrace() {
        this.keepTrace = true;
        return this;
    }

    /**
     * Lets sessions throw without failing the run (the loop contains and counts it, as in a real
     * site). By default a session that throws fails the run at that step: protocols must count
     * and drop bad input, never throw on it.
     */
    public Simulation tolerateSessionFailures() {
        this.tolerateSessionFailures = true;
        return this;
    }

    /** Adds a site with its own Appia on the simulation's virtual clock. */
    public SimSite addSite(String name) {
        int index = sites.size();
        Appia appia = new Appia(clock);
        appia.setTracer((target, event) -> record(index, target, event));
        appia.setErrorHandler((session, event, error) -> {
            if (sessionFailure == null && !tolerateSessionFailures) {
                String what = event == null ? "a task on the loop" : session + " handling " + event.getClass().getSimpleName();
                sessionFailure = new IllegalStateException(name + ": " + what + " threw at " + clock.elapsedNanos()
                        + " ns (seed " + seed + "): " + error, error);
            }
        });
        SimSite site = new SimSite(index, name, appia);
        sites.add(site);
        return site;
    }

    public List<SimSite> sites() {
        return List.copyOf(sites);
    }

    /** Runs {@code action} on the simulation thread {@code delayNanos} of virtual time from now. */
    public void schedule(long delayNanos, Runnable action) {
        if (delayNanos < 0) {
            throw new IllegalArgumentException("cannot schedule in the past: delay " + delayNanos + " ns");
        }
        actions.add(new Action(clock.elapsedNanos() + delayNanos, actionSeq++, action));
    }

    /** One step; false when nothing is left to do at any time (the run is quiescent). */
    public boolean step() {
        steps++;
        ready.clear();
        for (SimSite s : sites) {
            if (s.appia().hasWork()) {
                ready.add(s);
            }
        }
        if (!ready.isEmpty()) {
            SimSite chosen = ready.size() == 1 ? ready.getFirst() : ready.get(random.nextInt(ready.size()));
            chosen.appia().step();
            if (sessionFailure != null) {
                RuntimeException failure = sessionFailure;
                sessionFailure = null;
                throw failure;
            }
            return true;
        }
        long next = nextWorkNanos();
        if (next == Long.MAX_VALUE) {
            return false;
        }
        clock.advanceTo(next);
        while (!actions.isEmpty() && actions.peek().atNanos() <= next) {
            actions.poll().run().run();
        }
        return true;
    }

    /** Steps until quiescent or {@code maxSteps}; returns the steps taken. */
    public long runUntilQuiet(long maxSteps) {
        long taken = 0;
        while (taken < maxSteps && step()) {
            taken++;
        }
        return taken;
    }

    /** Steps until {@code condition} holds, time would pass {@code deadlineNanos}, or quiescence. */
    public boolean runUntil(BooleanSupplier condition, long deadlineNanos) {
        while (!condition.getAsBoolean()) {
            if (!hasWorkNow() && nextWorkNanos() > deadlineNanos) {
                return false;
            }
            if (!step()) {
                return condition.getAsBoolean();
            }
        }
        return true;
    }

    /** Runs everything due up to {@code deadlineNanos} of virtual time, then sets the clock there. */
    public void runFor(long durationNanos) {
        long deadline = clock.elapsedNanos() + durationNanos;
        runUntil(() -> false, deadline);
        if (clock.elapsedNanos() < deadline) {
            clock.advanceTo(deadline);
        }
    }

    /** Every dispatch so far, if {@link #keepTrace()} was called. */
    public List<TraceEntry> trace() {
        return List.copyOf(trace);
    }

    /** A hash of every dispatch so far (time, site, channel, session, event, direction). */
    public long fingerprint() {
        return fingerprint;
    }

    public long dispatches() {
        return dispatches;
    }

    public long steps() {
        return steps;
    }

    private boolean hasWorkNow() {
        for (SimSite s : sites) {
            if (s.appia().hasWork()) {
                return true;
            }
        }
        return false;
    }

    private long nextWorkNanos() {
        long next = actions.isEmpty() ? Long.MAX_VALUE : actions.peek().atNanos();
        for (SimSite s : sites) {
            long deadline = s.appia().nextTimerDeadline();
            if (deadline != Long.MAX_VALUE) {
                next = Math.min(next, Math.max(clock.elapsedNanos(), clock.elapsedNanosAt(deadline)));
            }
        }
        return next;
    }

    private void record(int site, Session target, Event event) {
        dispatches++;
        TraceEntry entry = new TraceEntry(clock.elapsedNanos(), site,
                event.getChannel() == null ? "-" : event.getChannel().getChannelID(),
                target.toString(), event.getClass().getSimpleName(), String.valueOf(event.getDirection()));
        fingerprint = mix(fingerprint, entry.hashCode());
        fingerprint = mix(fingerprint, entry.timeNanos());
        if (keepTrace) {
            trace.add(entry);
        }
    }

    private static long mix(long h, long value) {
        return (h ^ value) * 0x100000001b3L;
    }

    @Override
    public String toString() {
        return "Simulation[seed " + seed + ", " + sites.size() + " sites, t=" + clock.elapsedNanos() + " ns]";
    }
}
