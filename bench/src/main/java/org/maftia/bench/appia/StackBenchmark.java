package org.maftia.bench.appia;

import static org.maftia.bench.appia.BenchStack.DISPATCHES_PER_ROUND_TRIP;
import static org.maftia.bench.appia.BenchStack.check;

import java.util.concurrent.TimeUnit;
import org.maftia.bench.appia.BenchStack.Ping;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Event dispatch through the Appia kernel: one {@link BenchStack.Ping} going down a 10-layer
 * stack (top, 8 pass-through sessions that only call {@code go()}, a bottom that bounces it) and
 * back up to the top. One operation is one round trip, whose cost is reported in ns/op.
 *
 * <p>Per hop: the reference Appia 4.1.2 figure counts 20 {@code handle()} calls per round trip,
 * so for comparison ns/hop = ns/op / 20 (JMH cannot divide; see {@code bench/README.md}). The
 * round trip here is exactly {@value BenchStack#DISPATCHES_PER_ROUND_TRIP} dispatches (the top's
 * send is a {@code go()} outside any handler), so ns/op / 18 is the cost per dispatch. Measured
 * 2026-11-24 (JDK 25, 2 shared cores, -f 1 -wi 3 -w 2s -i 5 -r 2s): roundTrip 627 ns/op with the
 * system clock = 31.4 ns/hop, 339 ns/op with the virtual clock = 16.9 ns/hop; windowed (64 in
 * flight) 578 and 281 ns/op = 28.9 and 14.0 ns/hop; Appia 4.1.2: 1,027 ns = 51.4 ns/hop. Table
 * and caveats in {@code bench/README.md}.
 *
 * <ul>
 *   <li>{@link #roundTrip}: one ping in flight; the benchmark thread sends it from the top and
 *       runs the loop by hand ({@code appia.runUntilIdle}) until it is back and the queue is
 *       empty.</li>
 *   <li>{@link #windowed}: {@code window} pings bounce continuously (the top re-sends each one as
 *       it arrives); one call runs 64 round trips' worth of dispatches and counts as 64
 *       operations, so ns/op is again per round trip, without the per-call overhead of
 *       {@code runUntilIdle} and with {@code window} events interleaved in the FIFO.</li>
 * </ul>
 *
 * <p>{@code clock}: the hand-driven loop reads the clock and checks the timers before every
 * event; "system" is the production wall clock ({@code System.nanoTime()}), "virtual" a clock
 * that stands still, which shows what that read costs. (The threaded loop, {@code Appia.run()},
 * reads it once per batch of 256 events.)
 *
 * <p>Correctness: setup traces one round trip and throws unless the ping visited all 10 sessions
 * in order (see {@link BenchStack#verifyRoundTrip}, {@link BenchStack#startWindow}); after every
 * iteration the number of dispatches, of pings back at the top, of failed handlers and dropped
 * events is checked against the number of operations run.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms512m", "-Xmx512m", "-XX:+AlwaysPreTouch"})
public class StackBenchmark {

    /** Round trips run by one call of {@link #windowed}. */
    static final int ROUND_TRIPS_PER_CALL = 64;
    private static final int DISPATCHES_PER_CALL = ROUND_TRIPS_PER_CALL * DISPATCHES_PER_ROUND_TRIP;

    /** A stack with one ping, sent by the benchmark thread for each operation. */
    @State(Scope.Thread)
    public static class OneInFlight {
        @Param({"system", "virtual"})
        public String clock;

        BenchStack stack;
        Ping ping;
        long ops;
        long handled;
        long arrivalsAtStart;

        @Setup(Level.Trial)
        public void build() {
            stack = new BenchStack(clock);
            stack.verifyRoundTrip();
            ping = new Ping();
        }

        @Setup(Level.Iteration)
        public void startCounting() {
            ops = 0;
            handled = 0;
            arrivalsAtStart = stack.top.arrivals;
        }

        @TearDown(Level.Iteration)
        public void verify() {
            check(handled == ops * DISPATCHES_PER_ROUND_TRIP,
                    handled + " dispatches for " + ops + " round trips");
            check(stack.top.arrivals - arrivalsAtStart == ops,
                    (stack.top.arrivals - arrivalsAtStart) + " pings back for " + ops + " sent");
            stack.checkHealthy(0);
        }
    }

    /** A stack with {@code window} pings bouncing continuously. */
    @State(Scope.Thread)
    public static class Window {
        @Param({"system", "virtual"})
        public String clock;

        @Param({"1", "64"})
        public int window;

        BenchStack stack;
        long calls;
        long handled;
        long arrivalsAtStart;

        @Setup(Level.Trial)
        public void build() {
            stack = new BenchStack(clock);
            stack.verifyRoundTrip();
            stack.startWindow(window);
        }

        @Setup(Level.Iteration)
        public void startCounting() {
            calls = 0;
            handled = 0;
            arrivalsAtStart = stack.top.arrivals;
        }

        @TearDown(Level.Iteration)
        public void verify() {
            check(handled == calls * DISPATCHES_PER_CALL, handled + " dispatches in " + calls + " calls");
            check(stack.top.arrivals - arrivalsAtStart == calls * ROUND_TRIPS_PER_CALL,
                    (stack.top.arrivals - arrivalsAtStart) + " pings back in " + calls + " calls");
            stack.checkHealthy(window);
        }
    }

    @Benchmark
    public int roundTrip(OneInFlight s) {
        s.stack.top.sendDown(s.ping);
        int n = s.stack.appia.runUntilIdle(4 * DISPATCHES_PER_ROUND_TRIP);
        s.ops++;
        s.handled += n;
        return n;
    }

    @Benchmark
    @OperationsPerInvocation(ROUND_TRIPS_PER_CALL)
    public int windowed(Window s) {
        int n = s.stack.appia.runUntilIdle(DISPATCHES_PER_CALL);
        s.calls++;
        s.handled += n;
        return n;
    }
}
