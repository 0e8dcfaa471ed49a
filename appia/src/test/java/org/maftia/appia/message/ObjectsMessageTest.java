package org.maftia.appia.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

/** Tests of {@link ObjectsMessage}: object headers, their interleaving with bytes, and safe decoding. */
class ObjectsMessageTest {

    record Point(int x, int y) implements Serializable {
    }

    static byte[] serialize(Object o) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(o);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** A message whose topmost header is {@code stream} behind a length prefix of {@code prefix}. */
    static ObjectsMessage withObjectHeader(byte[] stream, int prefix) {
        ObjectsMessage m = new ObjectsMessage();
        m.setByteArray(new byte[] {9, 8, 7}, 0, 3); // something below the header
        m.pushBytes(stream);
        m.pushInt(prefix);
        return m;
    }

    static void assertPopObjectRejectedUnchanged(ObjectsMessage m) {
        byte[] before = m.toByteArray();
        assertThatThrownBy(m::popObject).isInstanceOf(MessageException.class);
        assertThat(m.toByteArray()).isEqualTo(before);
        assertThatThrownBy(m::peekObject).isInstanceOf(MessageException.class);
        assertThat(m.toByteArray()).isEqualTo(before);
    }

    // ---- object headers and their interleaving with bytes ----

    @Test
    void interleavedObjectAndByteHeadersPopInLifoOrder() {
        ObjectsMessage m = new ObjectsMessage();
        m.setByteArray(new byte[] {1, 2, 3}, 0, 3);
        m.pushInt(11);
        m.pushObject("first");
        m.pushObject(new Point(3, 4));
        m.pushShort(22);
        m.pushString("str");
        m.pushObject(new int[] {5, 6, 7});
        m.pushObject(12345L);
        m.pushLong(-33L);
        ArrayList<String> list = new ArrayList<>(List.of("a", "b"));
        m.pushObject(list);

        assertThat(m.popObject()).isEqualTo(List.of("a", "b"));
        assertThat(m.popLong()).isEqualTo(-33L);
        assertThat(m.popObject()).isEqualTo(12345L);
        assertThat((int[]) m.popObject()).containsExactly(5, 6, 7);
        assertThat(m.popString()).isEqualTo("str");
        assertThat(m.popShort()).isEqualTo((short) 22);
        assertThat(m.popObject()).isEqualTo(new Point(3, 4));
        assertThat(m.popObject()).isEqualTo("first");
        assertThat(m.popInt()).isEqualTo(11);
        assertThat(m.toByteArray()).containsExactly(1, 2, 3);
    }

    @Test
    void objectHeaderOnTheWireIsLengthPrefixedJavaSerialisation() {
        ObjectsMessage m = new ObjectsMessage();
        m.pushObject("hello");
        byte[] expected = serialize("hello");
        assertThat(m.length()).isEqualTo(4 + expected.length);
        assertThat(m.popInt()).isEqualTo(expected.length);
        assertThat(m.popBytes(expected.length)).isEqualTo(expected);
        assertThat(m.length()).isZero();
    }

    @Test
    void objectHeaderSurvivesTheTripThroughAPlainByteArray() {
        ObjectsMessage sender = new ObjectsMessage();
        sender.pushObject(new Point(1, 2));
        sender.pushInt(77);
        sender.pushObject(new HashMap<>(java.util.Map.of("k", 1)));
        byte[] wire = sender.toByteArray();
        ObjectsMessage receiver = new ObjectsMessage();
        receiver.setByteArray(wire, 0, wire.length);
        assertThat(receiver.popObject()).isEqualTo(java.util.Map.of("k", 1));
        assertThat(receiver.popInt()).isEqualTo(77);
        assertThat(receiver.popObject()).isEqualTo(new Point(1, 2));
        assertThat(receiver.length()).isZero();
    }

    @Test
    void pendingObjectIsKeptByReferenceUntilAByteOperation() {
        ObjectsMessage m = new ObjectsMessage();
        ArrayList<String> list = new ArrayList<>(List.of("x"));
        m.pushObject(list);
        list.add("changed after push"); // no byte operation yet: the message sees it
        Object popped = m.popObject();
        assertThat(popped).isSameAs(list);
        assertThat(m.length()).isZero();
    }

    @Test
    void objectIsSerialisedByTheFirstByteOperation() {
        ObjectsMessage m = new ObjectsMessage();
        ArrayList<String> list = new ArrayList<>(List.of("x"));
        m.pushObject(list);
        assertThat(m.length()).isEqualTo(4 + serialize(list).length); // a byte operation
        list.add("changed after serialisation");
        Object popped = m.popObject();
        assertThat(popped).isNotSameAs(list).isEqualTo(List.of("x"));
    }

    @Test
    void anyByteOperationSerialisesPendingObjects() {
        ArrayList<String> list = new ArrayList<>(List.of("x"));
        List<java.util.function.Consumer<ObjectsMessage>> byteOps = List.of(
                ObjectsMessage::toByteArray,
                ObjectsMessage::length,
                m -> m.peek(new MsgBuffer(null, 0, 0)),
                m -> m.getMsgWalk(),
                m -> m.join(new Message()),
                m -> m.frag(new Message(), 1000),
                m -> {
                    m.pushInt(0);
                    m.popInt();
                });
        for (var op : byteOps) {
            ObjectsMessage m = new ObjectsMessage();
            m.pushObject(list);
            op.accept(m);
            list.add("later");
            assertThat(m.popObject()).isNotSameAs(list).isEqualTo(List.of("x"));
            assertThat(m.length()).isZero();
            list.remove("later");
        }
    }

    @Test
    void peekObjectDoesNotRemove() {
        ObjectsMessage pending = new ObjectsMessage();
        pending.pushObject("p");
        assertThat(pending.peekObject()).isEqualTo("p");
        assertThat(pending.popObject()).isEqualTo("p");

        ObjectsMessage bytes = new ObjectsMessage();
        bytes.pushInt(5);
        bytes.pushObject("q");
        byte[] before = bytes.toByteArray();
        assertThat(bytes.peekObject()).isEqualTo("q");
        assertThat(bytes.peekObject()).isEqualTo("q");
        assertThat(bytes.toByteArray()).isEqualTo(before);
        assertThat(bytes.popObject()).isEqualTo("q");
        assertThat(bytes.popInt()).isEqualTo(5);
        assertThat(bytes.length()).isZero();
    }

    @Test
    void pushNullIsRejected() {
        ObjectsMessage m = new ObjectsMessage();
        assertThatThrownBy(() -> m.pushObject(null)).isInstanceOf(MessageException.class);
        assertThat(m.length()).isZero();
    }

    @Test
    void unserialisableObjectFailsWithMessageExceptionAtTheByteOperation() {
        ObjectsMessage m = new ObjectsMessage();
        ArrayList<Object> bad = new ArrayList<>();
        bad.add(new Object()); // not Serializable
        m.pushObject(bad);
        assertThatThrownBy(m::length).isInstanceOf(MessageException.class);
    }

    @Test
    void popObjectOnEmptyOrNonObjectHeaderThrows() {
        ObjectsMessage empty = new ObjectsMessage();
        assertThatThrownBy(empty::popObject).isInstanceOf(MessageException.class);
        assertThatThrownBy(empty::peekObject).isInstanceOf(MessageException.class);
        ObjectsMessage intOnTop = new ObjectsMessage();
        intOnTop.pushInt(5);
        assertPopObjectRejectedUnchanged(intOnTop);
    }

    @Test
    void copyIsAnIndependentObjectsMessage() {
        ObjectsMessage m = new ObjectsMessage();
        m.pushInt(3);
        ArrayList<String> list = new ArrayList<>(List.of("a"));
        m.pushObject(list);
        ObjectsMessage c = m.copy();
        assertThat(c).isInstanceOf(ObjectsMessage.class).isNotSameAs(m);
        list.add("after copy");
        m.pushObject("only in original");
        assertThat(c.popObject()).isNotSameAs(list).isEqualTo(List.of("a"));
        assertThat(c.popInt()).isEqualTo(3);
        assertThat(c.length()).isZero();
        assertThat(m.popObject()).isEqualTo("only in original");
        assertThat(m.popObject()).isInstanceOf(ArrayList.class);
        assertThat(m.popInt()).isEqualTo(3);
        assertThat(m.length()).isZero();
    }

    @Test
    void joinAndFragCarryObjectHeaders() {
        ObjectsMessage b = new ObjectsMessage();
        b.pushObject("tail-object");
        ObjectsMessage a = new ObjectsMessage();
        a.pushObject(new Point(9, 9));
        a.join(b); // serialises both
        assertThat(b.popObject()).isEqualTo("tail-object"); // b unchanged by the join
        int firstLen = serialize(new Point(9, 9)).length + 4;
        ObjectsMessage rest = new ObjectsMessage();
        rest.pushObject("overwritten by frag");
        a.frag(rest, firstLen);
        assertThat(a.popObject()).isEqualTo(new Point(9, 9));
        assertThat(a.length()).isZero();
        assertThat(rest.popObject()).isEqualTo("tail-object");
        assertThat(rest.length()).isZero();
    }

    @Property(tries = 300)
    void randomInterleavingsPopBackInLifoOrder(@ForAll("stackOps") List<Object> pushes,
            @ForAll @Size(max = 30) List<@IntRange(min = 0, max = 3) Integer> flushes) {
        ObjectsMessage m = new ObjectsMessage();
        for (int i = 0; i < pushes.size(); i++) {
            Object p = pushes.get(i);
            if (p instanceof byte[] raw) {
                m.pushBytes(raw);
                m.pushInt(raw.length);
            } else {
                m.pushObject((Serializable) p);
            }
            int flush = i < flushes.size() ? flushes.get(i) : 0;
            if (flush == 1) {
                m.length();
            } else if (flush == 2) {
                m = m.copy();
            }
        }
        for (int i = pushes.size() - 1; i >= 0; i--) {
            Object p = pushes.get(i);
            if (p instanceof byte[] raw) {
                int len = m.popInt();
                assertThat(len).isEqualTo(raw.length);
                assertThat(m.popBytes(len)).isEqualTo(raw);
            } else if (p instanceof int[] arr) {
                assertThat((int[]) m.popObject()).isEqualTo(arr);
            } else {
                assertThat(m.popObject()).isEqualTo(p);
            }
        }
        assertThat(m.length()).isZero();
    }

    @Provide
    Arbitrary<List<Object>> stackOps() {
        Arbitrary<Object> item = Arbitraries.oneOf(
                Arbitraries.strings().ofMaxLength(20).map(s -> (Object) s),
                Arbitraries.integers().map(i -> (Object) i),
                Arbitraries.integers().array(int[].class).ofMaxSize(10).map(a -> (Object) a),
                Arbitraries.integers().tuple2().map(t -> (Object) new Point(t.get1(), t.get2())),
                Arbitraries.bytes().array(byte[].class).ofMaxSize(30).map(a -> (Object) a));
        return item.list().ofMaxSize(25);
    }

    // ---- forged and malicious object headers ----

    @Test
    void forgedOrTruncatedLengthPrefixIsRejected() {
        byte[] stream = serialize("payload");
        // longer than what follows
        assertPopObjectRejectedUnchanged(withObjectHeader(stream, stream.length + 4));
        assertPopObjectRejectedUnchanged(withObjectHeader(stream, Integer.MAX_VALUE));
        assertPopObjectRejectedUnchanged(withObjectHeader(stream, -1));
        assertPopObjectRejectedUnchanged(withObjectHeader(stream, Integer.MIN_VALUE));
        // shorter than the object: the stream is cut
        assertPopObjectRejectedUnchanged(withObjectHeader(stream, stream.length - 1));
        assertPopObjectRejectedUnchanged(withObjectHeader(stream, 4));
        assertPopObjectRejectedUnchanged(withObjectHeader(stream, 0));
        // fewer than four bytes for the prefix
        ObjectsMessage tiny = new ObjectsMessage();
        tiny.setByteArray(new byte[] {0, 0, 1}, 0, 3);
        assertPopObjectRejectedUnchanged(tiny);
        // and the honest prefix works, leaving the rest behind
        ObjectsMessage ok = withObjectHeader(stream, stream.length);
        assertThat(ok.popObject()).isEqualTo("payload");
        assertThat(ok.toByteArray()).containsExactly(9, 8, 7);
    }

    @Test
    void failedPeekObjectDoesNotConsumeTheHeader() {
        byte[] garbage = {1, 2, 3, 4, 5, 6, 7, 8};
        ObjectsMessage m = withObjectHeader(garbage, garbage.length);
        byte[] before = m.toByteArray();
        assertThatThrownBy(m::peekObject).isInstanceOf(MessageException.class);
        assertThat(m.length()).isEqualTo(before.length);
        assertThat(m.toByteArray()).isEqualTo(before);
        // the caller can still read the header as bytes
        assertThat(m.popInt()).isEqualTo(garbage.length);
        assertThat(m.popBytes(garbage.length)).isEqualTo(garbage);
    }

    @Test
    void deeplyNestedArraysAreRefused() {
        Object[] deep = new Object[0];
        for (int i = 0; i < 40; i++) {
            deep = new Object[] {deep};
        }
        ObjectsMessage m = new ObjectsMessage();
        m.pushObject(deep);
        m.pushInt(1); // forces serialisation (which has no depth limit)
        assertThat(m.popInt()).isEqualTo(1);
        assertPopObjectRejectedUnchanged(m);

        // a moderately nested one is fine, so the limit is really about depth
        Object[] shallow = new Object[0];
        for (int i = 0; i < 20; i++) {
            shallow = new Object[] {shallow};
        }
        ObjectsMessage ok = new ObjectsMessage();
        ok.pushObject(shallow);
        ok.length();
        Object back = ok.popObject();
        int depth = 0;
        while (((Object[]) back).length == 1) {
            back = ((Object[]) back)[0];
            depth++;
        }
        assertThat(depth).isEqualTo(20);
    }

    @Test
    void hashSetBombIsRefused() {
        // the classic "SerialDOS" set: 2^100 hashCode calls if it were deserialised without a depth limit
        Set<Object> root = new HashSet<>();
        Set<Object> s1 = root;
        Set<Object> s2 = new HashSet<>();
        for (int i = 0; i < 100; i++) {
            Set<Object> t1 = new HashSet<>();
            Set<Object> t2 = new HashSet<>();
            t1.add("foo");
            s1.add(t1);
            s1.add(t2);
            s2.add(t1);
            s2.add(t2);
            s1 = t1;
            s2 = t2;
        }
        byte[] stream = serialize(root);
        assertPopObjectRejectedUnchanged(withObjectHeader(stream, stream.length));
    }

    @Test
    void hugeArrayLengthIsRefused() {
        byte[] stream = serialize(new int[] {1, 2, 3});
        int at = indexOfArrayLength(stream, 3);
        for (int forged : new int[] {(1 << 20) + 1, 1 << 28, Integer.MAX_VALUE}) {
            byte[] bomb = stream.clone();
            ByteBuffer.wrap(bomb).putInt(at, forged);
            assertPopObjectRejectedUnchanged(withObjectHeader(bomb, bomb.length));
        }
        // the unforged stream decodes: the offset found really is the array length
        ObjectsMessage ok = withObjectHeader(stream, stream.length);
        assertThat((int[]) ok.popObject()).containsExactly(1, 2, 3);
    }

    @Test
    void tooManyReferencesAreRefused() {
        Integer[] many = new Integer[150_000];
        for (int i = 0; i < many.length; i++) {
            many[i] = i + 1_000_000; // distinct objects, one handle each
        }
        byte[] stream = serialize(many);
        assertPopObjectRejectedUnchanged(withObjectHeader(stream, stream.length));
    }

    /** Where the 4-byte length of a serialised primitive array of {@code len} elements starts. */
    private static int indexOfArrayLength(byte[] stream, int len) {
        // TC_ENDBLOCKDATA (0x78) TC_NULL (0x70, no superclass) then the length
        for (int i = 0; i + 6 <= stream.length; i++) {
            if (stream[i] == 0x78 && stream[i + 1] == 0x70 && ByteBuffer.wrap(stream).getInt(i + 2) == len) {
                return i + 2;
            }
        }
        throw new AssertionError("no array length in " + Arrays.toString(stream));
    }

    // ---- garbage never escapes as anything but MessageException ----

    @Property(tries = 500)
    void popObjectOnRandomGarbageThrowsMessageException(@ForAll @Size(max = 200) byte[] garbage) {
        ObjectsMessage m = withObjectHeader(garbage, garbage.length);
        // without the stream magic (0xACED0005) this can never decode
        byte[] before = m.toByteArray();
        assertThatThrownBy(m::popObject).isInstanceOf(MessageException.class);
        assertThat(m.toByteArray()).isEqualTo(before);
    }

    @Property(tries = 500)
    void popObjectOnAnyBytesReturnsOrThrowsMessageException(@ForAll @Size(max = 200) byte[] anyBytes) {
        ObjectsMessage m = new ObjectsMessage();
        m.setByteArray(anyBytes, 0, anyBytes.length);
        decodeOrMessageException(m, anyBytes);
    }

    @Property(tries = 500)
    void garbageAfterTheStreamMagicReturnsOrThrowsMessageException(@ForAll @Size(max = 200) byte[] tail) {
        byte[] stream = new byte[4 + tail.length];
        stream[0] = (byte) 0xAC;
        stream[1] = (byte) 0xED;
        stream[2] = 0;
        stream[3] = 5;
        System.arraycopy(tail, 0, stream, 4, tail.length);
        ObjectsMessage m = withObjectHeader(stream, stream.length);
        decodeOrMessageException(m, m.toByteArray());
    }

    @Property(tries = 500)
    void mutatedValidStreamReturnsOrThrowsMessageException(@ForAll("validStreams") byte[] stream,
            @ForAll @Size(min = 1, max = 6) List<@IntRange(min = 0, max = 100_000) Integer> positions,
            @ForAll @Size(min = 6, max = 6) byte[] values) {
        byte[] mutated = stream.clone();
        for (int i = 0; i < positions.size(); i++) {
            mutated[positions.get(i) % mutated.length] = values[i];
        }
        ObjectsMessage m = withObjectHeader(mutated, mutated.length);
        decodeOrMessageException(m, m.toByteArray());
    }

    @Provide
    Arbitrary<byte[]> validStreams() {
        return Arbitraries.of(
                serialize("a string header"),
                serialize(new Point(1, -1)),
                serialize(new ArrayList<>(List.of("x", "y", "z"))),
                serialize(new HashMap<>(java.util.Map.of("k", 1, "l", 2))),
                serialize(new HashSet<>(Set.of(1, 2, 3))),
                serialize(new long[] {1, 2, 3, 4}),
                serialize(new Object[] {"a", new int[] {1}, new Point(2, 3)}));
    }

    /** popObject either yields something or fails with MessageException and leaves the bytes as they were. */
    private static void decodeOrMessageException(ObjectsMessage m, byte[] before) {
        try {
            m.popObject();
        } catch (MessageException e) {
            assertThat(m.toByteArray()).isEqualTo(before);
        } catch (Throwable t) {
            fail("popObject escaped with " + t, t);
        }
    }
}
