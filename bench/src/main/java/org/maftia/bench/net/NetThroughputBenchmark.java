package org.maftia.bench.net;

import java.util.concurrent.TimeUnit;
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
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Streaming throughput between two endpoints on loopback in one JVM: messages per second (the
 * JMH score, one operation = one message; MB/s = score x size / 10^6).
 *
 * <p>{@code stack}:
 * <ul>
 *   <li>{@code nio}: raw NIO baseline, one {@code write} per message ({@link RawNioPipe});
 *   <li>{@code nio-batched}: raw NIO, the {@value #CHUNK} messages of one operation batch in one
 *       {@code write};
 *   <li>{@code tcp}: two Appia sites, channel [TcpComplete, app] ({@link StackPipe});
 *   <li>{@code tcp-mac}, {@code tcp-aead}: [TcpComplete, AuthLink(MAC or AEAD), app].
 * </ul>
 *
 * <p>Flow control: the benchmark thread keeps at most {@code window} messages sent and not yet
 * checked by the receiver ({@link Window}); the default is 4 MiB worth of messages (4096 of
 * 1 KiB, 64 of 64 KiB), a quarter of TcpComplete's 64 MiB per-peer queue bound, so the stack
 * never has a reason to drop. Each benchmark call sends {@value #CHUNK} messages (one
 * {@code Appia.execute} on the sender's Appia thread, or one or {@value #CHUNK} writes for NIO)
 * after waiting for room in the window. Messages are counted when sent: an iteration counts at
 * most {@code window} messages that have not arrived when it ends (under 1% of the messages of a
 * 2 s iteration at the rates measured here); they are waited for and checked, outside the timing,
 * after the iteration.
 *
 * <p>JMH fits: the stream is a loop of equal, independent chunks, and the window keeps it in a
 * steady state across calls, so ops/s over a timed iteration is the stream's rate; JMH adds forks,
 * warm-up and the error estimate. A standalone main would have had to redo those.
 *
 * <p>Checks (a broken stack fails the run instead of giving a figure): every message's length,
 * sequence number (no loss, duplicate or reordering) and sender, every
 * {@value Payload#FULL_CHECK_EVERY}th message's bytes; while waiting, and after every iteration,
 * TcpComplete's queue-full drops, refused frames, send failures and reconnects, the link's drop
 * counters, and the Appia loops' failed handlers and dropped events must all be 0; after every
 * iteration the frames the receiver read, and the messages its link delivered and its app
 * checked, must equal the messages sent; at the end, every frame must be acknowledged.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Threads(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms512m", "-Xmx512m", "-XX:+AlwaysPreTouch"})
public class NetThroughputBenchmark {

    /** Messages per benchmark call. */
    static final int CHUNK = 16;
    /** Default window: this many bytes of payload in flight. */
    static final int WINDOW_BYTES = 4 << 20;

    @Param({"1024", "65536"})
    public int size;

    @Param({"nio", "nio-batched", "tcp", "tcp-mac", "tcp-aead"})
    public String stack;

    /** Messages in flight at most; 0 means {@value #WINDOW_BYTES} bytes' worth. */
    @Param({"0"})
    public int window;

    private Window flow;
    private Pipe pipe;

    @Setup(Level.Trial)
    public void open() throws Exception {
        int w = window > 0 ? window : Math.max(2 * CHUNK, WINDOW_BYTES / size);
        if (w < CHUNK) {
            throw new IllegalArgumentException("window " + w + " is smaller than a chunk of " + CHUNK);
        }
        flow = new Window(w, () -> pipe.checkHealthy());
        pipe = switch (stack) {
            case "nio" -> new RawNioPipe(size, false, CHUNK, flow);
            case "nio-batched" -> new RawNioPipe(size, true, CHUNK, flow);
            case "tcp" -> new StackPipe(size, StackPipe.Link.NONE, flow);
            case "tcp-mac" -> new StackPipe(size, StackPipe.Link.MAC, flow);
            case "tcp-aead" -> new StackPipe(size, StackPipe.Link.AEAD, flow);
            default -> throw new IllegalArgumentException("stack must be nio, nio-batched, tcp, tcp-mac or tcp-aead, not " + stack);
        };
    }

    @Benchmark
    @OperationsPerInvocation(CHUNK)
    public void stream() {
        flow.reserve(CHUNK);
        pipe.send(CHUNK);
    }

    /** Waits for every message sent, then checks that all arrived intact and nothing was dropped. */
    @TearDown(Level.Iteration)
    public void verify() {
        flow.drain();
        pipe.checkComplete();
    }

    @TearDown(Level.Trial)
    public void close() throws Exception {
        if (pipe != null) {
            pipe.close();
        }
    }
}
