package org.maftia.appia.message;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A byte sequence with cheap header push and pop at its front (spec 2.1.3, class Message, after
 * the x-Kernel): the bytes live in one array with room kept in front, so pushing a header usually
 * costs no copy and popping one never does.
 *
 * <p>The array may be shared with the message that {@link #frag} split this one from; each
 * message only writes inside the region it owns (its bytes, the room in front it was created
 * with, the room behind when nothing follows it), and reallocates otherwise.
 *
 * <p>Besides the spec's {@link MsgBuffer} calls there are typed helpers ({@link #pushInt},
 * {@link #popLong}, ...), big-endian. Reading past the end throws {@link MessageException}.
 * Not thread-safe: a message belongs to the event carrying it.
 */
public class Message {

    /** Room kept in front of new content so the first headers need no copy. */
    static final int HEADROOM = 64;
    private static final byte[] NO_BYTES = new byte[0];

    private static final VarHandle SHORT = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

    private byte[] buf;
    /** Lowest index this message may write (the room in front it owns). */
    private int low;
    /** First byte of the content. */
    private int first;
    /** One past the last byte of the content. */
    private int end;
    /** One past the highest index this message may write. */
    private int high;

    public Message() {
        // No array until the first write: fragments and messages about to be filled cost nothing.
        buf = NO_BYTES;
    }

    /** Replaces the content with a copy of {@code data[offset .. offset+length-1]}. */
    public void setByteArray(byte[] data, int offset, int length) {
        beforeByteAccess();
        if (data == null || offset < 0 || length < 0 || offset > data.length - length) {
            throw new MessageException("setByteArray: bad range offset=" + offset + " length=" + length
                    + " of " + (data == null ? "null" : data.length + " bytes"));
        }
        buf = new byte[HEADROOM + length];
        System.arraycopy(data, offset, buf, HEADROOM, length);
        low = 0;
        first = HEADROOM;
        end = high = buf.length;
    }

    public int length() {
        beforeByteAccess();
        return end - first;
    }

    /** Points {@code mbuf} at the first {@code mbuf.len} bytes without removing them. */
    public void peek(MsgBuffer mbuf) {
        beforeByteAccess();
        require(mbuf.len, "peek");
        mbuf.data = buf;
        mbuf.off = first;
    }

    /** Removes the first {@code length} bytes. */
    public void discard(int length) {
        beforeByteAccess();
        require(length, "discard");
        first += length;
    }

    /** Adds a header of {@code mbuf.len} bytes in front; {@code mbuf} points at it, to be filled. */
    public void push(MsgBuffer mbuf) {
        beforeByteAccess();
        int len = mbuf.len;
        if (len < 0) {
            throw new MessageException("push: negative header length " + len);
        }
        makeRoomInFront(len);
        first -= len;
        mbuf.data = buf;
        mbuf.off = first;
    }

    /** Removes a header of {@code mbuf.len} bytes; {@code mbuf} points at it (valid until the next change). */
    public void pop(MsgBuffer mbuf) {
        beforeByteAccess();
        require(mbuf.len, "pop");
        mbuf.data = buf;
        mbuf.off = first;
        first += mbuf.len;
    }

    /** Keeps only the first {@code newLength} bytes. */
    public void truncate(int newLength) {
        beforeByteAccess();
        require(newLength, "truncate");
        end = first + newLength;
    }

    /**
     * Splits the message: this one keeps its first {@code length} bytes, the rest replace the
     * content of {@code m} (as in the reference Appia). If this message is not longer than
     * {@code length}, {@code m} becomes empty. No bytes are copied.
     */
    public void frag(Message m, int length) {
        beforeByteAccess();
        m.beforeByteAccess();
        if (length < 0) {
            throw new MessageException("frag: negative length " + length);
        }
        if (m == this) {
            throw new MessageException("frag: cannot split a message into itself");
        }
        if (end - first <= length) {
            m.clear();
            return;
        }
        int split = first + length;
        m.buf = buf;
        m.low = split;
        m.first = split;
        m.end = end;
        m.high = high;
        end = split;
        high = split;
    }

    /** Appends the bytes of {@code m} to this message; {@code m} is unchanged. */
    public void join(Message m) {
        beforeByteAccess();
        m.beforeByteAccess();
        int len = m.end - m.first;
        if (high - end < len) {
            // Double: joining many fragments copies each byte O(1) times.
            grow(first - low, (long) len + (end - first));
        }
        System.arraycopy(m.buf, m.first, buf, end, len);
        end += len;
    }

    public MsgWalk getMsgWalk() {
        beforeByteAccess();
        return new MsgWalk(buf, first, end - first);
    }

    /** A copy of the content. */
    public byte[] toByteArray() {
        beforeByteAccess();
        return Arrays.copyOfRange(buf, first, end);
    }

    /** An independent message with a copy of this one's content. */
    public Message copy() {
        Message c = new Message();
        copyInto(c);
        return c;
    }

    // ---- typed helpers (big-endian) ----

    public void pushByte(int value) {
        beforeByteAccess();
        makeRoomInFront(1);
        buf[--first] = (byte) value;
    }

    public byte popByte() {
        beforeByteAccess();
        require(1, "popByte");
        return buf[first++];
    }

    public void pushShort(int value) {
        beforeByteAccess();
        makeRoomInFront(2);
        first -= 2;
        SHORT.set(buf, first, (short) value);
    }

    public short popShort() {
        beforeByteAccess();
        require(2, "popShort");
        short v = (short) SHORT.get(buf, first);
        first += 2;
        return v;
    }

    public void pushInt(int value) {
        beforeByteAccess();
        makeRoomInFront(4);
        first -= 4;
        INT.set(buf, first, value);
    }

    public int popInt() {
        int v = peekInt();
        first += 4;
        return v;
    }

    public int peekInt() {
        beforeByteAccess();
        require(4, "peekInt");
        return (int) INT.get(buf, first);
    }

    public void pushLong(long value) {
        beforeByteAccess();
        makeRoomInFront(8);
        first -= 8;
        LONG.set(buf, first, value);
    }

    public long popLong() {
        beforeByteAccess();
        require(8, "popLong");
        long v = (long) LONG.get(buf, first);
        first += 8;
        return v;
    }

    /** Pushes the bytes as they are (no length prefix). */
    public void pushBytes(byte[] data, int offset, int length) {
        beforeByteAccess();
        if (offset < 0 || length < 0 || offset > data.length - length) {
            throw new MessageException("pushBytes: bad range offset=" + offset + " length=" + length
                    + " of " + data.length + " bytes");
        }
        makeRoomInFront(length);
        first -= length;
        System.arraycopy(data, offset, buf, first, length);
    }

    public void pushBytes(byte[] data) {
        pushBytes(data, 0, data.length);
    }

    /** Pops {@code length} bytes into a new array. */
    public byte[] popBytes(int length) {
        beforeByteAccess();
        require(length, "popBytes");
        byte[] out = Arrays.copyOfRange(buf, first, first + length);
        first += length;
        return out;
    }

    /** Pushes a string as UTF-8 behind a 4-byte length. */
    public void pushString(String s) {
        byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
        pushBytes(utf8);
        pushInt(utf8.length);
    }

    /** Pops a string pushed by {@link #pushString}; a length running past the end is an error. */
    public String popString() {
        int len = peekInt();
        if (len < 0 || len > end - first - 4) {
            throw new MessageException("popString: length prefix " + len + " but only "
                    + (end - first - 4) + " bytes follow");
        }
        first += 4;
        String s = new String(buf, first, len, StandardCharsets.UTF_8);
        first += len;
        return s;
    }

    /**
     * Called before every operation on the bytes; {@link ObjectsMessage} serialises the objects
     * pushed since the last byte operation here.
     */
    protected void beforeByteAccess() {
        // Plain messages hold only bytes.
    }

    /** Makes {@code target} an independent copy of this message's content. */
    protected final void copyInto(Message target) {
        beforeByteAccess();
        int len = end - first;
        target.buf = new byte[HEADROOM + len];
        System.arraycopy(buf, first, target.buf, HEADROOM, len);
        target.low = 0;
        target.first = HEADROOM;
        target.end = target.high = target.buf.length;
    }

    private void clear() {
        buf = NO_BYTES;
        low = first = end = high = 0;
    }

    private void require(int len, String op) {
        if (len < 0 || len > end - first) {
            throw new MessageException(op + ": asked for " + len + " bytes, the message has " + (end - first));
        }
    }

    private void makeRoomInFront(int len) {
        if (first - low < len) {
            grow((long) len + Math.max(HEADROOM, (end - first) / 4), high - end);
        }
    }

    /** Moves the content into a new array with at least {@code front} bytes before and {@code back} after. */
    private void grow(long front, long back) {
        int len = end - first;
        long size = front + len + back;
        if (size > Integer.MAX_VALUE - 8) {
            throw new MessageException("message would exceed the maximum array size: " + size + " bytes");
        }
        byte[] bigger = new byte[(int) size];
        System.arraycopy(buf, first, bigger, (int) front, len);
        buf = bigger;
        low = 0;
        first = (int) front;
        end = first + len;
        high = bigger.length;
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "[" + length() + " bytes]";
    }
}
