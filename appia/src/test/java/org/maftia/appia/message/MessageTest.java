package org.maftia.appia.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.function.Consumer;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.maftia.appia.AppiaException;

/** Unit tests of {@link Message}, {@link MsgBuffer} and {@link MsgWalk} against spec 2.1.3. */
class MessageTest {

    // ---- helpers ----

    static byte[] seq(int from, int n) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) (from + i);
        }
        return b;
    }

    static Message msg(byte[] content) {
        Message m = new Message();
        m.setByteArray(content, 0, content.length);
        return m;
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    /** Pushes {@code header} through the spec's MsgBuffer protocol (len in, data/off out, then fill). */
    static void pushHeader(Message m, byte[] header) {
        MsgBuffer mb = new MsgBuffer();
        mb.len = header.length;
        m.push(mb);
        assertThat(mb.len).isEqualTo(header.length);
        System.arraycopy(header, 0, mb.data, mb.off, header.length);
    }

    static byte[] popHeader(Message m, int len) {
        MsgBuffer mb = new MsgBuffer();
        mb.len = len;
        m.pop(mb);
        assertThat(mb.len).isEqualTo(len);
        return Arrays.copyOfRange(mb.data, mb.off, mb.off + len);
    }

    /** Asserts that {@code op} throws MessageException and leaves {@code m}'s content unchanged. */
    static void assertRejectedUnchanged(Message m, Consumer<Message> op) {
        byte[] before = m.toByteArray();
        assertThatThrownBy(() -> op.accept(m)).isInstanceOf(MessageException.class);
        assertThat(m.length()).isEqualTo(before.length);
        assertThat(m.toByteArray()).isEqualTo(before);
    }

    // ---- basics ----

    @Test
    void messageExceptionIsAnUncheckedAppiaException() {
        MessageException e = new MessageException("x", new IllegalStateException("cause"));
        assertThat(e).isInstanceOf(AppiaException.class).isInstanceOf(RuntimeException.class);
        assertThat(e.getMessage()).isEqualTo("x");
        assertThat(e.getCause()).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void msgBufferConstructorsSetFields() {
        byte[] d = new byte[3];
        MsgBuffer mb = new MsgBuffer(d, 1, 2);
        assertThat(mb.data).isSameAs(d);
        assertThat(mb.off).isEqualTo(1);
        assertThat(mb.len).isEqualTo(2);
        MsgBuffer empty = new MsgBuffer();
        assertThat(empty.data).isNull();
        assertThat(empty.off).isZero();
        assertThat(empty.len).isZero();
    }

    @Test
    void newMessageIsEmpty() {
        Message m = new Message();
        assertThat(m.length()).isZero();
        assertThat(m.toByteArray()).isEmpty();
        assertThat(m.toString()).isEqualTo("Message[0 bytes]");
    }

    @Test
    void setByteArrayCopiesTheRange() {
        byte[] src = seq(10, 20);
        Message m = new Message();
        m.setByteArray(src, 5, 7);
        assertThat(m.length()).isEqualTo(7);
        assertThat(m.toByteArray()).isEqualTo(seq(15, 7));
        src[5] = 99; // copy, not a view
        assertThat(m.toByteArray()).isEqualTo(seq(15, 7));
        assertThat(m.toString()).isEqualTo("Message[7 bytes]");
    }

    @Test
    void setByteArrayReplacesPreviousContent() {
        Message m = msg(seq(0, 30));
        m.pushInt(7);
        m.setByteArray(seq(100, 3), 0, 3);
        assertThat(m.toByteArray()).isEqualTo(seq(100, 3));
        m.setByteArray(new byte[5], 5, 0);
        assertThat(m.length()).isZero();
    }

    @Test
    void setByteArrayWithBadRangesThrowsAndKeepsContent() {
        Message m = msg(seq(1, 4));
        byte[] src = new byte[10];
        assertRejectedUnchanged(m, x -> x.setByteArray(null, 0, 0));
        assertRejectedUnchanged(m, x -> x.setByteArray(src, -1, 2));
        assertRejectedUnchanged(m, x -> x.setByteArray(src, 0, -1));
        assertRejectedUnchanged(m, x -> x.setByteArray(src, 0, 11));
        assertRejectedUnchanged(m, x -> x.setByteArray(src, 5, 6));
        assertRejectedUnchanged(m, x -> x.setByteArray(src, 11, 0));
        // offset + length overflowing int must not sneak past the check
        assertRejectedUnchanged(m, x -> x.setByteArray(src, 5, Integer.MAX_VALUE));
        assertRejectedUnchanged(m, x -> x.setByteArray(src, Integer.MAX_VALUE, 5));
    }

    @Test
    void toByteArrayIsACopy() {
        Message m = msg(seq(0, 5));
        byte[] a = m.toByteArray();
        a[0] = 42;
        assertThat(m.toByteArray()).isEqualTo(seq(0, 5));
    }

    // ---- push / pop / peek ----

    @Test
    void pushAddsHeaderAtFrontAndPopReturnsIt() {
        Message m = msg(seq(50, 4));
        pushHeader(m, seq(1, 3));
        assertThat(m.length()).isEqualTo(7);
        assertThat(m.toByteArray()).isEqualTo(concat(seq(1, 3), seq(50, 4)));
        pushHeader(m, seq(20, 2));
        assertThat(m.toByteArray()).isEqualTo(concat(seq(20, 2), seq(1, 3), seq(50, 4)));
        assertThat(popHeader(m, 2)).isEqualTo(seq(20, 2));
        assertThat(popHeader(m, 3)).isEqualTo(seq(1, 3));
        assertThat(m.toByteArray()).isEqualTo(seq(50, 4));
    }

    @Test
    void pushOffsetPointsAtTheHeaderInTheReturnedArray() {
        Message m = msg(seq(0, 2));
        MsgBuffer mb = new MsgBuffer(null, -5, 3);
        m.push(mb);
        assertThat(mb.data).isNotNull();
        assertThat(mb.off).isBetween(0, mb.data.length - 3);
        mb.data[mb.off] = 7;
        mb.data[mb.off + 1] = 8;
        mb.data[mb.off + 2] = 9;
        assertThat(m.toByteArray()).containsExactly(7, 8, 9, 0, 1);
    }

    @Test
    void peekReadsWithoutRemoving() {
        Message m = msg(seq(5, 6));
        MsgBuffer mb = new MsgBuffer();
        mb.len = 4;
        m.peek(mb);
        assertThat(mb.len).isEqualTo(4);
        assertThat(Arrays.copyOfRange(mb.data, mb.off, mb.off + 4)).isEqualTo(seq(5, 4));
        assertThat(m.length()).isEqualTo(6);
        assertThat(m.toByteArray()).isEqualTo(seq(5, 6));
        mb.len = 6;
        m.peek(mb);
        assertThat(Arrays.copyOfRange(mb.data, mb.off, mb.off + 6)).isEqualTo(seq(5, 6));
    }

    @Test
    void zeroLengthHeadersAreNoOps() {
        Message m = msg(seq(3, 3));
        MsgBuffer mb = new MsgBuffer();
        mb.len = 0;
        m.push(mb);
        assertThat(m.toByteArray()).isEqualTo(seq(3, 3));
        m.peek(mb);
        m.pop(mb);
        assertThat(mb.len).isZero();
        m.discard(0);
        m.pushBytes(new byte[0]);
        assertThat(m.popBytes(0)).isEmpty();
        assertThat(m.toByteArray()).isEqualTo(seq(3, 3));

        Message empty = new Message();
        empty.peek(mb);
        empty.pop(mb);
        empty.discard(0);
        empty.truncate(0);
        assertThat(empty.length()).isZero();
    }

    @Test
    void operationsOnEmptyMessageThrow() {
        Message m = new Message();
        assertRejectedUnchanged(m, x -> x.pop(new MsgBuffer(null, 0, 1)));
        assertRejectedUnchanged(m, x -> x.peek(new MsgBuffer(null, 0, 1)));
        assertRejectedUnchanged(m, x -> x.discard(1));
        assertRejectedUnchanged(m, x -> x.truncate(1));
        assertRejectedUnchanged(m, Message::popByte);
        assertRejectedUnchanged(m, Message::popShort);
        assertRejectedUnchanged(m, Message::popInt);
        assertRejectedUnchanged(m, Message::peekInt);
        assertRejectedUnchanged(m, Message::popLong);
        assertRejectedUnchanged(m, Message::popString);
        assertRejectedUnchanged(m, x -> x.popBytes(1));
    }

    @Test
    void readingBeyondTheLengthThrowsAndLeavesMessageUnchanged() {
        Message m = msg(seq(0, 7));
        assertRejectedUnchanged(m, x -> x.pop(new MsgBuffer(null, 0, 8)));
        assertRejectedUnchanged(m, x -> x.peek(new MsgBuffer(null, 0, 8)));
        assertRejectedUnchanged(m, x -> x.discard(8));
        assertRejectedUnchanged(m, x -> x.truncate(8));
        assertRejectedUnchanged(m, x -> x.popBytes(8));
        assertRejectedUnchanged(m, Message::popLong);
        assertRejectedUnchanged(m, x -> x.pop(new MsgBuffer(null, 0, Integer.MAX_VALUE)));
        Message three = msg(seq(0, 3));
        assertRejectedUnchanged(three, Message::popInt);
        assertRejectedUnchanged(three, Message::peekInt);
        Message one = msg(seq(0, 1));
        assertRejectedUnchanged(one, Message::popShort);
    }

    @ParameterizedTest
    @ValueSource(ints = {-1, -4, Integer.MIN_VALUE})
    void negativeLengthsThrowAndLeaveMessageUnchanged(int neg) {
        Message m = msg(seq(0, 5));
        assertRejectedUnchanged(m, x -> x.push(new MsgBuffer(null, 0, neg)));
        assertRejectedUnchanged(m, x -> x.pop(new MsgBuffer(null, 0, neg)));
        assertRejectedUnchanged(m, x -> x.peek(new MsgBuffer(null, 0, neg)));
        assertRejectedUnchanged(m, x -> x.discard(neg));
        assertRejectedUnchanged(m, x -> x.truncate(neg));
        assertRejectedUnchanged(m, x -> x.popBytes(neg));
        assertRejectedUnchanged(m, x -> x.pushBytes(new byte[4], 0, neg));
        assertRejectedUnchanged(m, x -> x.frag(new Message(), neg));
    }

    @Test
    void pushBytesWithBadRangesThrows() {
        Message m = msg(seq(0, 2));
        byte[] src = new byte[4];
        assertRejectedUnchanged(m, x -> x.pushBytes(src, -1, 1));
        assertRejectedUnchanged(m, x -> x.pushBytes(src, 3, 2));
        assertRejectedUnchanged(m, x -> x.pushBytes(src, 5, 0));
        assertRejectedUnchanged(m, x -> x.pushBytes(src, 2, Integer.MAX_VALUE));
    }

    @Test
    void hugePushLengthIsAMessageExceptionNotAnArrayError() {
        // len + headroom overflows int inside the reallocation; must still be a clean MessageException.
        Message m = msg(seq(0, 5));
        assertRejectedUnchanged(m, x -> x.push(new MsgBuffer(null, 0, Integer.MAX_VALUE)));
        assertRejectedUnchanged(m, x -> x.push(new MsgBuffer(null, 0, Integer.MAX_VALUE - 10)));
    }

    @Test
    void pushLargerThanHeadroomReallocatesAndKeepsContent() {
        byte[] body = seq(0, 100);
        Message m = msg(body);
        byte[] small = seq(7, 10);
        pushHeader(m, small);
        byte[] big = seq(33, Message.HEADROOM * 3 + 1);
        pushHeader(m, big);
        assertThat(m.toByteArray()).isEqualTo(concat(big, small, body));
        // and again past whatever room the reallocation left
        byte[] bigger = seq(90, 5000);
        m.pushBytes(bigger);
        assertThat(m.length()).isEqualTo(5000 + big.length + 10 + 100);
        assertThat(m.popBytes(5000)).isEqualTo(bigger);
        assertThat(popHeader(m, big.length)).isEqualTo(big);
        assertThat(popHeader(m, 10)).isEqualTo(small);
        assertThat(m.toByteArray()).isEqualTo(body);
    }

    @Test
    void manySmallPushesOnEmptyMessage() {
        Message m = new Message();
        for (int i = 0; i < 1000; i++) {
            m.pushByte(i);
        }
        assertThat(m.length()).isEqualTo(1000);
        for (int i = 999; i >= 0; i--) {
            assertThat(m.popByte()).isEqualTo((byte) i);
        }
        assertThat(m.length()).isZero();
    }

    @Test
    void popThenPushReusesSpaceWithoutCorruption() {
        Message m = msg(seq(0, 10));
        assertThat(popHeader(m, 4)).isEqualTo(seq(0, 4));
        pushHeader(m, seq(100, 6));
        assertThat(m.toByteArray()).isEqualTo(concat(seq(100, 6), seq(4, 6)));
    }

    // ---- discard / truncate ----

    @Test
    void discardDropsFrontBytes() {
        Message m = msg(seq(0, 10));
        m.discard(3);
        assertThat(m.toByteArray()).isEqualTo(seq(3, 7));
        m.discard(7);
        assertThat(m.length()).isZero();
        assertRejectedUnchanged(m, x -> x.discard(1));
    }

    @Test
    void truncateKeepsFirstBytes() {
        Message m = msg(seq(0, 10));
        m.truncate(10);
        assertThat(m.toByteArray()).isEqualTo(seq(0, 10));
        m.truncate(6);
        assertThat(m.toByteArray()).isEqualTo(seq(0, 6));
        assertRejectedUnchanged(m, x -> x.truncate(7)); // cannot grow back
        m.truncate(0);
        assertThat(m.length()).isZero();
    }

    @Test
    void truncateThenJoinDoesNotResurrectOldBytes() {
        Message m = msg(seq(0, 10));
        m.truncate(4);
        m.join(msg(seq(100, 3)));
        assertThat(m.toByteArray()).isEqualTo(concat(seq(0, 4), seq(100, 3)));
    }

    // ---- typed helpers ----

    @Test
    void typedHelpersAreBigEndianAndRoundTrip() {
        Message m = new Message();
        m.pushByte(0xAB);
        assertThat(m.toByteArray()).containsExactly(0xAB);
        m.pushShort(0x1234);
        assertThat(m.toByteArray()).containsExactly(0x12, 0x34, 0xAB);
        m.pushInt(0xCAFEBABE);
        assertThat(m.toByteArray()).containsExactly(0xCA, 0xFE, 0xBA, 0xBE, 0x12, 0x34, 0xAB);
        m.pushLong(0x0102030405060708L);
        assertThat(Arrays.copyOf(m.toByteArray(), 8)).containsExactly(1, 2, 3, 4, 5, 6, 7, 8);
        assertThat(m.length()).isEqualTo(15);

        assertThat(m.popLong()).isEqualTo(0x0102030405060708L);
        assertThat(m.peekInt()).isEqualTo(0xCAFEBABE);
        assertThat(m.length()).isEqualTo(7);
        assertThat(m.popInt()).isEqualTo(0xCAFEBABE);
        assertThat(m.popShort()).isEqualTo((short) 0x1234);
        assertThat(m.popByte()).isEqualTo((byte) 0xAB);
        assertThat(m.length()).isZero();
    }

    @Test
    void typedHelpersHandleExtremes() {
        Message m = new Message();
        m.pushLong(Long.MIN_VALUE);
        m.pushLong(-1L);
        m.pushInt(Integer.MIN_VALUE);
        m.pushInt(-1);
        m.pushShort(-1);
        m.pushShort(0x18000); // truncated to (short) 0x8000
        m.pushByte(-1);
        m.pushByte(0x1FF);
        assertThat(m.popByte()).isEqualTo((byte) -1);
        assertThat(m.popByte()).isEqualTo((byte) -1);
        assertThat(m.popShort()).isEqualTo(Short.MIN_VALUE);
        assertThat(m.popShort()).isEqualTo((short) -1);
        assertThat(m.popInt()).isEqualTo(-1);
        assertThat(m.popInt()).isEqualTo(Integer.MIN_VALUE);
        assertThat(m.popLong()).isEqualTo(-1L);
        assertThat(m.popLong()).isEqualTo(Long.MIN_VALUE);
    }

    @Test
    void pushBytesAndPopBytes() {
        Message m = msg(seq(0, 2));
        byte[] src = seq(40, 10);
        m.pushBytes(src, 3, 4);
        assertThat(m.toByteArray()).isEqualTo(concat(seq(43, 4), seq(0, 2)));
        byte[] popped = m.popBytes(4);
        assertThat(popped).isEqualTo(seq(43, 4));
        popped[0] = 0; // a copy
        m.pushBytes(src);
        assertThat(m.popBytes(10)).isEqualTo(src);
        assertThat(m.toByteArray()).isEqualTo(seq(0, 2));
    }

    @Test
    void popBytesIsACopyNotAView() {
        Message m = msg(seq(0, 8));
        byte[] a = m.popBytes(4);
        m.pushBytes(new byte[] {9, 9, 9, 9});
        assertThat(a).isEqualTo(seq(0, 4));
    }

    @Test
    void pushStringPopStringWithMultiByteUtf8() {
        String s = "héllo wörld – Ωμέγα 日本語 \uD83D\uDE00 end";
        byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
        assertThat(utf8.length).isGreaterThan(s.length());
        Message m = msg(seq(0, 3));
        m.pushString(s);
        m.pushString("");
        assertThat(m.length()).isEqualTo(3 + 4 + utf8.length + 4);
        assertThat(m.peekInt()).isZero();
        assertThat(m.popString()).isEmpty();
        assertThat(m.peekInt()).isEqualTo(utf8.length);
        assertThat(m.popString()).isEqualTo(s);
        assertThat(m.toByteArray()).isEqualTo(seq(0, 3));
    }

    @Test
    void popStringWithForgedLengthPrefixThrowsMessageException() {
        byte[] payload = "abc".getBytes(StandardCharsets.UTF_8);
        for (int forged : new int[] {4, 5, 1000, Integer.MAX_VALUE, -1, Integer.MIN_VALUE}) {
            Message m = new Message();
            m.pushBytes(payload);
            m.pushInt(forged);
            assertRejectedUnchanged(m, Message::popString);
            assertThat(m.peekInt()).isEqualTo(forged);
        }
        // a length prefix that exactly fits is accepted
        Message ok = new Message();
        ok.pushBytes(payload);
        ok.pushInt(3);
        assertThat(ok.popString()).isEqualTo("abc");
        assertThat(ok.length()).isZero();
        // a prefix shorter than four bytes
        assertRejectedUnchanged(msg(new byte[] {0, 0, 0}), Message::popString);
    }

    // ---- copy ----

    @Test
    void copyIsIndependent() {
        Message m = msg(seq(0, 6));
        Message c = m.copy();
        assertThat(c).isNotSameAs(m);
        assertThat(c.getClass()).isEqualTo(Message.class);
        assertThat(c.toByteArray()).isEqualTo(seq(0, 6));
        // change the copy in place and structurally
        MsgBuffer mb = new MsgBuffer(null, 0, 2);
        c.peek(mb);
        mb.data[mb.off] = 99;
        c.pushInt(5);
        c.join(msg(seq(70, 3)));
        assertThat(m.toByteArray()).isEqualTo(seq(0, 6));
        // change the original in place and structurally
        m.peek(mb);
        mb.data[mb.off + 1] = 77;
        m.discard(1);
        m.truncate(3);
        assertThat(c.toByteArray()).isEqualTo(concat(new byte[] {0, 0, 0, 5, 99, 1}, seq(2, 4), seq(70, 3)));
        assertThat(m.toByteArray()).containsExactly(77, 2, 3);
    }

    @Test
    void copyOfAFragmentIsIndependentOfBoth() {
        Message a = msg(seq(0, 10));
        Message b = new Message();
        a.frag(b, 4);
        Message cb = b.copy();
        Message ca = a.copy();
        MsgBuffer mb = new MsgBuffer(null, 0, 1);
        cb.peek(mb);
        mb.data[mb.off] = -1;
        ca.peek(mb);
        mb.data[mb.off] = -2;
        assertThat(a.toByteArray()).isEqualTo(seq(0, 4));
        assertThat(b.toByteArray()).isEqualTo(seq(4, 6));
    }

    // ---- frag ----

    @Nested
    class Frag {

        @Test
        void fragSplitsTheMessage() {
            Message a = msg(seq(0, 10));
            Message b = msg(seq(100, 5)); // old content of b is replaced
            a.frag(b, 3);
            assertThat(a.toByteArray()).isEqualTo(seq(0, 3));
            assertThat(b.toByteArray()).isEqualTo(seq(3, 7));
            assertThat(a.length()).isEqualTo(3);
            assertThat(b.length()).isEqualTo(7);
        }

        @Test
        void fragAtZero() {
            Message a = msg(seq(0, 10));
            Message b = new Message();
            a.frag(b, 0);
            assertThat(a.length()).isZero();
            assertThat(b.toByteArray()).isEqualTo(seq(0, 10));
            a.pushBytes(seq(50, 20));
            a.join(msg(seq(80, 5)));
            b.pushInt(-1);
            assertThat(a.toByteArray()).isEqualTo(concat(seq(50, 20), seq(80, 5)));
            assertThat(b.popInt()).isEqualTo(-1);
            assertThat(b.toByteArray()).isEqualTo(seq(0, 10));
        }

        @Test
        void fragAtLengthEmptiesTheOther() {
            Message a = msg(seq(0, 10));
            Message b = msg(seq(100, 5));
            a.frag(b, 10);
            assertThat(a.toByteArray()).isEqualTo(seq(0, 10));
            assertThat(b.length()).isZero();
            b.pushBytes(seq(60, 4));
            assertThat(a.toByteArray()).isEqualTo(seq(0, 10));
            assertThat(b.toByteArray()).isEqualTo(seq(60, 4));
        }

        @Test
        void fragBeyondLengthEmptiesTheOther() {
            Message a = msg(seq(0, 10));
            Message b = msg(seq(100, 5));
            a.frag(b, 11);
            assertThat(a.toByteArray()).isEqualTo(seq(0, 10));
            assertThat(b.length()).isZero();
            a.frag(b, Integer.MAX_VALUE);
            assertThat(a.toByteArray()).isEqualTo(seq(0, 10));
            assertThat(b.length()).isZero();
        }

        @Test
        void fragOfEmptyMessage() {
            Message a = new Message();
            Message b = msg(seq(1, 2));
            a.frag(b, 0);
            assertThat(a.length()).isZero();
            assertThat(b.length()).isZero();
        }

        @Test
        void fragIntoItselfIsRejected() {
            Message a = msg(seq(0, 10));
            assertRejectedUnchanged(a, x -> x.frag(x, 3));
        }

        @Test
        void pushOntoSecondFragmentDoesNotCorruptFirst() {
            Message a = msg(seq(0, 10));
            Message b = new Message();
            a.frag(b, 4);
            pushHeader(b, seq(-50, 3));
            b.pushInt(0x11223344);
            assertThat(a.toByteArray()).isEqualTo(seq(0, 4));
            assertThat(b.toByteArray()).isEqualTo(concat(new byte[] {0x11, 0x22, 0x33, 0x44}, seq(-50, 3), seq(4, 6)));
        }

        @Test
        void pushOntoFirstFragmentDoesNotCorruptSecond() {
            Message a = msg(seq(0, 10));
            Message b = new Message();
            a.frag(b, 4);
            a.pushBytes(seq(20, 30)); // fits in a's front room
            a.pushBytes(seq(60, 200)); // forces a's reallocation
            assertThat(b.toByteArray()).isEqualTo(seq(4, 6));
            assertThat(a.toByteArray()).isEqualTo(concat(seq(60, 200), seq(20, 30), seq(0, 4)));
        }

        @Test
        void joinOntoFirstFragmentDoesNotCorruptSecond() {
            Message a = msg(seq(0, 10));
            Message b = new Message();
            a.frag(b, 4);
            a.join(msg(seq(90, 3)));
            assertThat(b.toByteArray()).isEqualTo(seq(4, 6));
            assertThat(a.toByteArray()).isEqualTo(concat(seq(0, 4), seq(90, 3)));
            // writing into a's content after the join must not reach b either
            MsgBuffer mb = new MsgBuffer(null, 0, 7);
            a.peek(mb);
            Arrays.fill(mb.data, mb.off, mb.off + 7, (byte) -7);
            assertThat(b.toByteArray()).isEqualTo(seq(4, 6));
        }

        @Test
        void joinOntoFirstFragmentAfterTruncateDoesNotCorruptSecond() {
            Message a = msg(seq(0, 20));
            Message b = new Message();
            a.frag(b, 10);
            a.truncate(5);
            a.join(msg(seq(70, 5)));
            assertThat(a.toByteArray()).isEqualTo(concat(seq(0, 5), seq(70, 5)));
            assertThat(b.toByteArray()).isEqualTo(seq(10, 10));
        }

        @Test
        void joinOntoSecondFragmentDoesNotCorruptFirst() {
            Message a = msg(seq(0, 10));
            a.join(msg(new byte[0]));
            Message b = new Message();
            a.frag(b, 4);
            b.join(msg(seq(90, 100)));
            b.pushBytes(seq(30, 10));
            assertThat(a.toByteArray()).isEqualTo(seq(0, 4));
            assertThat(b.toByteArray()).isEqualTo(concat(seq(30, 10), seq(4, 6), seq(90, 100)));
        }

        @Test
        void popThenPushOnSecondFragmentStaysInItsOwnRegion() {
            Message a = msg(seq(0, 10));
            Message b = new Message();
            a.frag(b, 4);
            assertThat(b.popBytes(2)).isEqualTo(seq(4, 2));
            b.pushBytes(seq(100, 5)); // 2 bytes of own room, 3 more would reach into a
            assertThat(a.toByteArray()).isEqualTo(seq(0, 4));
            assertThat(b.toByteArray()).isEqualTo(concat(seq(100, 5), seq(6, 4)));
        }

        @Test
        void fragOfMessageWithSpareRoomBehindKeepsFragmentsApart() {
            // a join leaves spare room behind the content; the fragments must split it correctly
            Message a = msg(seq(0, 4));
            a.join(msg(seq(4, 60)));
            a.truncate(30);
            Message b = new Message();
            a.frag(b, 10);
            Message c = new Message();
            b.frag(c, 10);
            a.join(msg(seq(-100, 15)));
            b.join(msg(seq(-80, 15)));
            c.join(msg(seq(-60, 15)));
            a.pushBytes(seq(1, 3));
            b.pushBytes(seq(2, 3));
            c.pushBytes(seq(3, 3));
            assertThat(a.toByteArray()).isEqualTo(concat(seq(1, 3), seq(0, 10), seq(-100, 15)));
            assertThat(b.toByteArray()).isEqualTo(concat(seq(2, 3), seq(10, 10), seq(-80, 15)));
            assertThat(c.toByteArray()).isEqualTo(concat(seq(3, 3), seq(20, 10), seq(-60, 15)));
        }

        @Test
        void repeatedFragmentationThenJoinReproducesOriginal() {
            byte[] orig = seq(0, 50);
            Message a = msg(orig);
            Message b = new Message();
            Message c = new Message();
            Message d = new Message();
            a.frag(b, 10);
            b.frag(c, 15);
            c.frag(d, 5);
            // headers pushed and popped on every piece
            for (Message x : new Message[] {a, b, c, d}) {
                x.pushLong(-1L);
            }
            for (Message x : new Message[] {d, c, b, a}) {
                assertThat(x.popLong()).isEqualTo(-1L);
            }
            Message whole = new Message();
            whole.join(a);
            whole.join(b);
            whole.join(c);
            whole.join(d);
            assertThat(whole.toByteArray()).isEqualTo(orig);
            a.join(b);
            a.join(c);
            a.join(d);
            assertThat(a.toByteArray()).isEqualTo(orig);
            assertThat(b.toByteArray()).isEqualTo(seq(10, 15));
            assertThat(c.toByteArray()).isEqualTo(seq(25, 5));
            assertThat(d.toByteArray()).isEqualTo(seq(30, 20));
        }

        @Test
        void fragmentCanBeFraggedBackIntoTheOriginalHolder() {
            Message a = msg(seq(0, 20));
            Message b = new Message();
            a.frag(b, 5); // a=[0..5) b=[5..20)
            b.frag(a, 5); // b=[5..10) a=[10..20)
            a.pushBytes(seq(100, 8));
            b.join(msg(seq(50, 8)));
            b.pushBytes(seq(40, 8));
            assertThat(a.toByteArray()).isEqualTo(concat(seq(100, 8), seq(10, 10)));
            assertThat(b.toByteArray()).isEqualTo(concat(seq(40, 8), seq(5, 5), seq(50, 8)));
        }
    }

    // ---- join ----

    @Test
    void joinAppendsAndLeavesArgumentUnchanged() {
        Message a = msg(seq(0, 3));
        Message b = msg(seq(10, 4));
        a.join(b);
        assertThat(a.toByteArray()).isEqualTo(concat(seq(0, 3), seq(10, 4)));
        assertThat(b.toByteArray()).isEqualTo(seq(10, 4));
        // a is a copy of b's bytes: changing b afterwards does not change a
        MsgBuffer mb = new MsgBuffer(null, 0, 4);
        b.peek(mb);
        Arrays.fill(mb.data, mb.off, mb.off + 4, (byte) 0);
        b.pushInt(9);
        assertThat(a.toByteArray()).isEqualTo(concat(seq(0, 3), seq(10, 4)));
    }

    @Test
    void joinWithEmptyMessages() {
        Message a = new Message();
        a.join(new Message());
        assertThat(a.length()).isZero();
        a.join(msg(seq(1, 5)));
        assertThat(a.toByteArray()).isEqualTo(seq(1, 5));
        a.join(new Message());
        assertThat(a.toByteArray()).isEqualTo(seq(1, 5));
    }

    @Test
    void joinOfMessageWithItselfDoublesIt() {
        Message a = msg(seq(0, 7));
        a.join(a);
        assertThat(a.toByteArray()).isEqualTo(concat(seq(0, 7), seq(0, 7)));
        a.join(a);
        assertThat(a.length()).isEqualTo(28);
        assertThat(a.toByteArray()).isEqualTo(concat(seq(0, 7), seq(0, 7), seq(0, 7), seq(0, 7)));
        a.truncate(3);
        a.join(a); // now with spare room behind
        assertThat(a.toByteArray()).isEqualTo(concat(seq(0, 3), seq(0, 3)));
        Message e = new Message();
        e.join(e);
        assertThat(e.length()).isZero();
    }

    @Test
    void joinLargeMessagesGrowsAndKeepsHeaderRoom() {
        Message a = msg(seq(0, 10));
        a.pushInt(1);
        a.join(msg(seq(20, 10_000)));
        a.pushInt(2);
        assertThat(a.length()).isEqualTo(10 + 10_000 + 8);
        assertThat(a.popInt()).isEqualTo(2);
        assertThat(a.popInt()).isEqualTo(1);
        assertThat(a.popBytes(10)).isEqualTo(seq(0, 10));
        assertThat(a.toByteArray()).isEqualTo(seq(20, 10_000));
    }

    // ---- MsgWalk ----

    @Test
    void msgWalkVisitsExactlyTheContent() {
        Message m = msg(seq(0, 40));
        m.discard(5);
        m.truncate(20);
        m.pushInt(0x01020304);
        ByteArrayOutputStream seen = new ByteArrayOutputStream();
        MsgWalk w = m.getMsgWalk();
        MsgBuffer mb = new MsgBuffer();
        int chunks = 0;
        for (w.next(mb); mb.data != null; w.next(mb)) {
            assertThat(mb.len).isPositive();
            seen.write(mb.data, mb.off, mb.len);
            chunks++;
        }
        assertThat(chunks).isPositive();
        assertThat(mb.len).isZero();
        assertThat(seen.toByteArray()).isEqualTo(concat(new byte[] {1, 2, 3, 4}, seq(5, 20)));
        // still finished
        w.next(mb);
        assertThat(mb.data).isNull();
        assertThat(mb.len).isZero();
    }

    @Test
    void msgWalkOfEmptyMessageEndsAtOnce() {
        Message m = msg(seq(0, 3));
        m.discard(3);
        MsgWalk w = m.getMsgWalk();
        MsgBuffer mb = new MsgBuffer(new byte[1], 7, 9);
        w.next(mb);
        assertThat(mb.data).isNull();
        assertThat(mb.len).isZero();
        new Message().getMsgWalk().next(mb);
        assertThat(mb.data).isNull();
        assertThat(mb.len).isZero();
    }

    @Test
    void writesThroughMsgWalkChangeTheMessage() {
        Message m = msg(seq(0, 16));
        Message other = new Message();
        m.frag(other, 8);
        MsgWalk w = m.getMsgWalk();
        MsgBuffer mb = new MsgBuffer();
        for (w.next(mb); mb.data != null; w.next(mb)) {
            for (int i = mb.off; i < mb.off + mb.len; i++) {
                mb.data[i] ^= (byte) 0xFF;
            }
        }
        byte[] expected = seq(0, 8);
        for (int i = 0; i < expected.length; i++) {
            expected[i] ^= (byte) 0xFF;
        }
        assertThat(m.toByteArray()).isEqualTo(expected);
        assertThat(other.toByteArray()).isEqualTo(seq(8, 8)); // the walk stays inside m
    }
}
