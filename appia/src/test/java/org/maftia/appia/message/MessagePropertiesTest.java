package org.maftia.appia.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/**
 * Model-based properties of {@link Message}: random operation sequences applied to messages and
 * to plain byte arrays must agree after every step, across every fragment still alive (so a write
 * into one fragment that leaks into another shows up at once).
 */
class MessagePropertiesTest {

    /** An operation on the live message at index {@code target % live}. */
    sealed interface Op permits PushBytes, PushViaBuffer, Pop, Peek, Discard, Truncate, JoinBytes,
            JoinLive, Frag, PushInt, PopInt, Copy, WriteAll {
    }

    /** n is used as is when {@code fit} is false (may exceed the length), else as n % (length + 1). */
    record PushBytes(int target, byte[] bytes) implements Op {
        @Override
        public String toString() {
            return "PushBytes[" + target + ", " + bytes.length + " bytes]";
        }
    }

    record PushViaBuffer(int target, byte[] bytes) implements Op {
        @Override
        public String toString() {
            return "PushViaBuffer[" + target + ", " + bytes.length + " bytes]";
        }
    }

    record Pop(int target, int n, boolean fit) implements Op {
    }

    record Peek(int target, int n, boolean fit) implements Op {
    }

    record Discard(int target, int n, boolean fit) implements Op {
    }

    record Truncate(int target, int n, boolean fit) implements Op {
    }

    record JoinBytes(int target, byte[] bytes) implements Op {
        @Override
        public String toString() {
            return "JoinBytes[" + target + ", " + bytes.length + " bytes]";
        }
    }

    /** Joins another live message (possibly the same one) onto the target. */
    record JoinLive(int target, int other) implements Op {
    }

    /** Frags the target at n into a fresh message, or into another live one (replacing its content). */
    record Frag(int target, int n, boolean fit, boolean fresh, int other) implements Op {
    }

    record PushInt(int target, int value) implements Op {
    }

    record PopInt(int target) implements Op {
    }

    /** Adds a copy of the target to the live set. */
    record Copy(int target) implements Op {
    }

    /** Overwrites the target's content in place through a MsgWalk. */
    record WriteAll(int target, byte value) implements Op {
    }

    private static final int MAX_LIVE = 8;

    /** A message and the bytes it must hold. */
    static final class Live {
        final Message msg;
        byte[] model;

        Live(Message msg, byte[] model) {
            this.msg = msg;
            this.model = model;
        }
    }

    // ---- generators ----

    private static Arbitrary<Integer> target() {
        return Arbitraries.integers().between(0, 1000);
    }

    private static Arbitrary<byte[]> bytes(int max) {
        return Arbitraries.bytes().array(byte[].class).ofMaxSize(max);
    }

    private static Arbitrary<Integer> len() {
        // mostly small, sometimes past the headroom or the message
        return Arbitraries.oneOf(Arbitraries.integers().between(0, 12), Arbitraries.integers().between(0, 300));
    }

    @Provide
    Arbitrary<List<Op>> ops() {
        Arbitrary<Boolean> fit = Arbitraries.of(true, true, true, false);
        Arbitrary<Op> op = Arbitraries.frequencyOf(
                Tuple.of(4, Arbitraries.oneOf(
                        Combinators.combine(target(), bytes(20)).as(PushBytes::new),
                        Combinators.combine(target(), bytes(200)).as(PushBytes::new)).map(o -> (Op) o)),
                Tuple.of(2, Combinators.combine(target(), bytes(100)).as(PushViaBuffer::new)
                        .map(o -> (Op) o)),
                Tuple.of(3, Combinators.combine(target(), len(), fit).as(Pop::new)
                        .map(o -> (Op) o)),
                Tuple.of(2, Combinators.combine(target(), len(), fit).as(Peek::new)
                        .map(o -> (Op) o)),
                Tuple.of(2, Combinators.combine(target(), len(), fit).as(Discard::new)
                        .map(o -> (Op) o)),
                Tuple.of(2, Combinators.combine(target(), len(), fit).as(Truncate::new)
                        .map(o -> (Op) o)),
                Tuple.of(3, Combinators.combine(target(), bytes(150)).as(JoinBytes::new)
                        .map(o -> (Op) o)),
                Tuple.of(2, Combinators.combine(target(), target()).as(JoinLive::new)
                        .map(o -> (Op) o)),
                Tuple.of(4, Combinators.combine(target(), len(), fit,
                        Arbitraries.of(true, false), target()).as(Frag::new).map(o -> (Op) o)),
                Tuple.of(2, Combinators.combine(target(), Arbitraries.integers())
                        .as(PushInt::new).map(o -> (Op) o)),
                Tuple.of(2, target().map(PopInt::new).map(o -> (Op) o)),
                Tuple.of(1, target().map(Copy::new).map(o -> (Op) o)),
                Tuple.of(1, Combinators.combine(target(), Arbitraries.bytes())
                        .as(WriteAll::new).map(o -> (Op) o)));
        return op.list().ofMaxSize(40);
    }

    // ---- model helpers ----

    private static byte[] cat(byte[] a, byte[] b) {
        byte[] r = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, r, a.length, b.length);
        return r;
    }

    private static Message msg(byte[] content) {
        Message m = new Message();
        m.setByteArray(content, 0, content.length);
        return m;
    }

    private static int eff(int n, boolean fit, byte[] model) {
        return fit ? n % (model.length + 1) : n;
    }

    private static void assertAll(List<Live> live, Object afterOp) {
        for (int i = 0; i < live.size(); i++) {
            Live l = live.get(i);
            assertThat(l.msg.length()).as("length of live[%d] after %s", i, afterOp).isEqualTo(l.model.length);
            assertThat(l.msg.toByteArray()).as("bytes of live[%d] after %s", i, afterOp).isEqualTo(l.model);
        }
    }

    private static void assertRejected(Live l, Runnable r, Object op) {
        assertThatThrownBy(r::run).as("%s must be rejected", op).isInstanceOf(MessageException.class);
    }

    // ---- properties ----

    @Property(tries = 500)
    void messageAgreesWithByteArrayModel(@ForAll @Size(max = 120) byte[] initial, @ForAll("ops") List<Op> ops) {
        List<Live> live = new ArrayList<>();
        live.add(new Live(msg(initial), initial.clone()));
        assertAll(live, "setByteArray");
        for (Op op : ops) {
            apply(live, op);
            assertAll(live, op);
        }
    }

    private static void apply(List<Live> live, Op op) {
        switch (op) {
            case PushBytes(int t, byte[] b) -> {
                Live l = live.get(t % live.size());
                l.msg.pushBytes(b);
                l.model = cat(b, l.model);
            }
            case PushViaBuffer(int t, byte[] b) -> {
                Live l = live.get(t % live.size());
                MsgBuffer mb = new MsgBuffer(null, 0, b.length);
                l.msg.push(mb);
                System.arraycopy(b, 0, mb.data, mb.off, b.length);
                l.model = cat(b, l.model);
            }
            case Pop(int t, int n0, boolean fit) -> {
                Live l = live.get(t % live.size());
                int n = eff(n0, fit, l.model);
                MsgBuffer mb = new MsgBuffer(null, 0, n);
                if (n > l.model.length) {
                    assertRejected(l, () -> l.msg.pop(mb), op);
                } else {
                    l.msg.pop(mb);
                    assertThat(Arrays.copyOfRange(mb.data, mb.off, mb.off + n)).isEqualTo(Arrays.copyOf(l.model, n));
                    l.model = Arrays.copyOfRange(l.model, n, l.model.length);
                }
            }
            case Peek(int t, int n0, boolean fit) -> {
                Live l = live.get(t % live.size());
                int n = eff(n0, fit, l.model);
                MsgBuffer mb = new MsgBuffer(null, 0, n);
                if (n > l.model.length) {
                    assertRejected(l, () -> l.msg.peek(mb), op);
                } else {
                    l.msg.peek(mb);
                    assertThat(Arrays.copyOfRange(mb.data, mb.off, mb.off + n)).isEqualTo(Arrays.copyOf(l.model, n));
                }
            }
            case Discard(int t, int n0, boolean fit) -> {
                Live l = live.get(t % live.size());
                int n = eff(n0, fit, l.model);
                if (n > l.model.length) {
                    assertRejected(l, () -> l.msg.discard(n), op);
                } else {
                    l.msg.discard(n);
                    l.model = Arrays.copyOfRange(l.model, n, l.model.length);
                }
            }
            case Truncate(int t, int n0, boolean fit) -> {
                Live l = live.get(t % live.size());
                int n = eff(n0, fit, l.model);
                if (n > l.model.length) {
                    assertRejected(l, () -> l.msg.truncate(n), op);
                } else {
                    l.msg.truncate(n);
                    l.model = Arrays.copyOf(l.model, n);
                }
            }
            case JoinBytes(int t, byte[] b) -> {
                Live l = live.get(t % live.size());
                l.msg.join(msg(b));
                l.model = cat(l.model, b);
            }
            case JoinLive(int t, int o) -> {
                Live l = live.get(t % live.size());
                Live other = live.get(o % live.size());
                byte[] otherBefore = other.model;
                l.msg.join(other.msg);
                l.model = cat(l.model, otherBefore);
            }
            case Frag(int t, int n0, boolean fit, boolean fresh, int o) -> {
                int ti = t % live.size();
                Live l = live.get(ti);
                int n = eff(n0, fit, l.model);
                Live into;
                if (fresh || live.size() == 1) {
                    into = new Live(new Message(), new byte[0]);
                    if (live.size() < MAX_LIVE) {
                        live.add(into);
                    }
                } else {
                    int oi = o % live.size();
                    if (oi == ti) {
                        oi = (oi + 1) % live.size();
                    }
                    into = live.get(oi);
                }
                l.msg.frag(into.msg, n);
                if (n >= l.model.length) {
                    into.model = new byte[0];
                } else {
                    into.model = Arrays.copyOfRange(l.model, n, l.model.length);
                    l.model = Arrays.copyOf(l.model, n);
                }
            }
            case PushInt(int t, int v) -> {
                Live l = live.get(t % live.size());
                l.msg.pushInt(v);
                l.model = cat(ByteBuffer.allocate(4).putInt(v).array(), l.model);
            }
            case PopInt(int t) -> {
                Live l = live.get(t % live.size());
                if (l.model.length < 4) {
                    assertRejected(l, l.msg::popInt, op);
                    assertRejected(l, l.msg::peekInt, op);
                } else {
                    int expected = ByteBuffer.wrap(l.model).getInt();
                    assertThat(l.msg.peekInt()).isEqualTo(expected);
                    assertThat(l.msg.popInt()).isEqualTo(expected);
                    l.model = Arrays.copyOfRange(l.model, 4, l.model.length);
                }
            }
            case Copy(int t) -> {
                Live l = live.get(t % live.size());
                Live c = new Live(l.msg.copy(), l.model.clone());
                if (live.size() < MAX_LIVE) {
                    live.add(c);
                } else {
                    live.set(t % live.size(), c); // continue with the copy; the original is dropped
                }
            }
            case WriteAll(int t, byte v) -> {
                Live l = live.get(t % live.size());
                MsgWalk w = l.msg.getMsgWalk();
                MsgBuffer mb = new MsgBuffer();
                int total = 0;
                for (w.next(mb); mb.data != null; w.next(mb)) {
                    Arrays.fill(mb.data, mb.off, mb.off + mb.len, v);
                    total += mb.len;
                }
                assertThat(total).isEqualTo(l.model.length);
                Arrays.fill(l.model, v);
            }
        }
    }

    @Property(tries = 500)
    void fragmentingThenJoiningInOrderReproducesTheOriginal(
            @ForAll @Size(max = 2000) byte[] content,
            @ForAll @Size(max = 12) List<@IntRange(min = 0, max = 400) Integer> sizes,
            @ForAll @Size(min = 13, max = 13) List<@Size(max = 100) byte[]> headers) {
        // cut the content into pieces: each frag keeps `size` bytes and hands the rest on
        List<Message> pieces = new ArrayList<>();
        List<byte[]> expected = new ArrayList<>();
        Message cur = msg(content);
        int pos = 0;
        for (int size : sizes) {
            Message next = new Message();
            cur.frag(next, size);
            int keep = Math.min(size, content.length - pos);
            pieces.add(cur);
            expected.add(Arrays.copyOfRange(content, pos, pos + keep));
            pos += keep;
            cur = next;
        }
        pieces.add(cur);
        expected.add(Arrays.copyOfRange(content, pos, content.length));
        for (int i = 0; i < pieces.size(); i++) {
            assertThat(pieces.get(i).toByteArray()).as("piece %d", i).isEqualTo(expected.get(i));
        }

        Message whole = new Message();
        for (Message p : pieces) {
            whole.join(p);
        }
        assertThat(whole.toByteArray()).isEqualTo(content);

        // a header pushed onto one fragment must not change any other fragment
        for (int i = 0; i < pieces.size(); i++) {
            byte[] h = headers.get(i);
            MsgBuffer mb = new MsgBuffer(null, 0, h.length);
            pieces.get(i).push(mb);
            System.arraycopy(h, 0, mb.data, mb.off, h.length);
            expected.set(i, cat(h, expected.get(i)));
            for (int j = 0; j < pieces.size(); j++) {
                assertThat(pieces.get(j).toByteArray()).as("piece %d after pushing onto %d", j, i)
                        .isEqualTo(expected.get(j));
            }
        }

        // appending to each fragment (in place, where it has room) must not change the others
        for (int i = 0; i < pieces.size(); i++) {
            byte[] tail = headers.get(headers.size() - 1 - i);
            pieces.get(i).join(msg(tail));
            expected.set(i, cat(expected.get(i), tail));
            for (int j = 0; j < pieces.size(); j++) {
                assertThat(pieces.get(j).toByteArray()).as("piece %d after joining onto %d", j, i)
                        .isEqualTo(expected.get(j));
            }
        }

        // joining all fragments onto the first, in order, gives the concatenation
        byte[] all = expected.get(0);
        Message first = pieces.get(0);
        for (int i = 1; i < pieces.size(); i++) {
            first.join(pieces.get(i));
            all = cat(all, expected.get(i));
            assertThat(pieces.get(i).toByteArray()).isEqualTo(expected.get(i));
        }
        assertThat(first.toByteArray()).isEqualTo(all);
    }

    @Property(tries = 300)
    void typedHelpersRoundTrip(@ForAll long l, @ForAll int i, @ForAll short s, @ForAll byte b,
            @ForAll String str, @ForAll @Size(max = 50) byte[] raw, @ForAll @Size(max = 50) byte[] body) {
        Message m = msg(body);
        m.pushLong(l);
        m.pushString(str);
        m.pushInt(i);
        m.pushBytes(raw);
        m.pushShort(s);
        m.pushByte(b);
        assertThat(m.popByte()).isEqualTo(b);
        assertThat(m.popShort()).isEqualTo(s);
        assertThat(m.popBytes(raw.length)).isEqualTo(raw);
        assertThat(m.popInt()).isEqualTo(i);
        assertThat(m.popString()).isEqualTo(new String(str.getBytes(StandardCharsets.UTF_8),
                StandardCharsets.UTF_8));
        assertThat(m.popLong()).isEqualTo(l);
        assertThat(m.toByteArray()).isEqualTo(body);
    }

    @Property(tries = 300)
    void popStringOnArbitraryBytesReturnsOrThrowsMessageException(@ForAll @Size(max = 40) byte[] garbage) {
        Message m = msg(garbage);
        try {
            String s = m.popString();
            int len = ByteBuffer.wrap(garbage).getInt();
            assertThat(len).isBetween(0, garbage.length - 4);
            assertThat(s).isEqualTo(new String(garbage, 4, len, StandardCharsets.UTF_8));
            assertThat(m.length()).isEqualTo(garbage.length - 4 - len);
        } catch (MessageException e) {
            assertThat(m.toByteArray()).isEqualTo(garbage);
        }
    }
}
