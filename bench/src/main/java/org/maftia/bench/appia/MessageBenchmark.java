package org.maftia.bench.appia;

import static org.maftia.bench.appia.BenchStack.check;

import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.maftia.appia.message.Message;
import org.maftia.appia.message.MsgBuffer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The {@link Message} operations protocols use on every event: a 4-byte header pushed and popped
 * (with room in front of the content, so no copy), a 64 KiB message split into 64 fragments of
 * 1 KiB and joined back, and a 1 KiB payload set. All inputs come from {@code @State} fields and
 * all results are returned or sunk into a {@link Blackhole}; every state checks after each
 * iteration that the message is still what it was (the benchmarks leave it as they found it), so
 * a broken operation fails the run instead of being measured.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms512m", "-Xmx512m", "-XX:+AlwaysPreTouch"})
public class MessageBenchmark {

    static final int BIG = 64 * 1024;
    static final int PIECE = 1024;
    static final int PIECES = BIG / PIECE;
    static final int PAYLOAD = 1024;

    /** A message of 1 KiB, as built by setByteArray (64 bytes of room in front). */
    @State(Scope.Thread)
    public static class Header {
        public int header = 0xCAFE_BABE;
        final MsgBuffer mbuf = new MsgBuffer();
        Message msg;
        byte[] payload;

        @Setup(Level.Trial)
        public void build() {
            payload = randomBytes(PAYLOAD, 1);
            msg = new Message();
            msg.setByteArray(payload, 0, payload.length);
            mbuf.len = 4;
            msg.push(mbuf);
            byte[] first = mbuf.data;
            msg.pop(mbuf);
            msg.push(mbuf);
            check(mbuf.data == first, "pushing a 4-byte header reallocated the buffer despite room in front");
            msg.pop(mbuf);
            msg.pushInt(header);
            check(msg.length() == PAYLOAD + 4 && msg.popInt() == header, "pushInt/popInt did not round-trip");
            verify();
        }

        @TearDown(Level.Iteration)
        public void verify() {
            check(Arrays.equals(msg.toByteArray(), payload), "the message changed after push+pop");
        }
    }

    /** A 64 KiB message of random bytes, and the array the fragments are kept in. */
    @State(Scope.Thread)
    public static class Big {
        byte[] original;
        Message msg;
        final Message[] pieces = new Message[PIECES];

        @Setup(Level.Trial)
        public void build() {
            original = randomBytes(BIG, 2);
            msg = new Message();
            msg.setByteArray(original, 0, original.length);
            // One-off check of the fragments themselves, which the benchmark only counts.
            frag(msg, pieces);
            for (int i = 0; i < PIECES; i++) {
                check(Arrays.equals(pieces[i].toByteArray(), Arrays.copyOfRange(original, i * PIECE, (i + 1) * PIECE)),
                        "fragment " + i + " is not bytes " + i * PIECE + ".." + ((i + 1) * PIECE - 1));
            }
            join(msg, pieces);
            verify();
        }

        @TearDown(Level.Iteration)
        public void verify() {
            check(Arrays.equals(msg.toByteArray(), original), "frag+join did not give the 64 KiB back");
        }
    }

    /** A 1 KiB source array and the message it is set into. */
    @State(Scope.Thread)
    public static class Payload {
        byte[] data;
        final Message msg = new Message();

        @Setup(Level.Trial)
        public void build() {
            data = randomBytes(PAYLOAD, 3);
        }

        @TearDown(Level.Iteration)
        public void verify() {
            check(Arrays.equals(msg.toByteArray(), data), "setByteArray did not copy the 1 KiB");
        }
    }

    /** Spec API: push a 4-byte header through a MsgBuffer, write it, pop it and read it back. */
    @Benchmark
    public int pushPopMsgBuffer(Header s) {
        Message m = s.msg;
        MsgBuffer b = s.mbuf;
        int v = s.header;
        b.len = 4;
        m.push(b);
        byte[] d = b.data;
        int o = b.off;
        d[o] = (byte) (v >>> 24);
        d[o + 1] = (byte) (v >>> 16);
        d[o + 2] = (byte) (v >>> 8);
        d[o + 3] = (byte) v;
        b.len = 4;
        m.pop(b);
        d = b.data;
        o = b.off;
        return (d[o] & 0xFF) << 24 | (d[o + 1] & 0xFF) << 16 | (d[o + 2] & 0xFF) << 8 | (d[o + 3] & 0xFF);
    }

    /** Typed helpers: pushInt then popInt. */
    @Benchmark
    public int pushPopInt(Header s) {
        s.msg.pushInt(s.header);
        return s.msg.popInt();
    }

    /** Splits 64 KiB into 64 new 1 KiB messages, then joins them back into the first. */
    @Benchmark
    public void fragJoin(Big s, Blackhole bh) {
        frag(s.msg, s.pieces);
        bh.consume(s.pieces[PIECES - 1].length());
        join(s.msg, s.pieces);
        bh.consume(s.msg);
    }

    /** Replaces a message's content with a copy of 1 KiB. */
    @Benchmark
    public Message setByteArray1K(Payload s) {
        s.msg.setByteArray(s.data, 0, PAYLOAD);
        return s.msg;
    }

    /** {@code whole} keeps the first 1 KiB and becomes {@code pieces[0]}; the others are new messages. */
    static void frag(Message whole, Message[] pieces) {
        Message rest = whole;
        for (int i = 0; i < PIECES - 1; i++) {
            Message next = new Message();
            rest.frag(next, PIECE);
            pieces[i] = rest;
            rest = next;
        }
        pieces[PIECES - 1] = rest;
    }

    /** Appends {@code pieces[1..]} to {@code first}, which is {@code pieces[0]}. */
    static void join(Message first, Message[] pieces) {
        for (int i = 1; i < PIECES; i++) {
            first.join(pieces[i]);
        }
    }

    static byte[] randomBytes(int n, long seed) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }
}
