package org.maftia.appia.message;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Iterator;

/**
 * A {@link Message} that also takes serialisable objects as headers, interleaved freely with byte
 * headers (spec 2.1.3, ObjectsMessage). A pushed object is kept by reference until a byte
 * operation needs the bytes; only then is it serialised, so a caller that changes the object
 * after pushing it may or may not change the message, as the spec warns.
 *
 * <p>Java serialisation is unsafe on input from other sites: MAFTIA's own protocols encode their
 * messages explicitly and never use this class on the wire. Deserialisation here is limited by a
 * filter (depth, references, array sizes, stream size) so a bad header fails with a
 * {@link MessageException} instead of exhausting memory; the JVM-wide serial filter, if set,
 * still applies to the classes.
 */
public class ObjectsMessage extends Message {

    private static final int MAX_DEPTH = 32;
    private static final int MAX_REFS = 100_000;
    private static final int MAX_ARRAY = 1 << 20;

    /** Objects pushed since the last byte operation; the first is the topmost header. */
    private final ArrayDeque<Object> pending = new ArrayDeque<>();

    public void pushObject(Serializable object) {
        if (object == null) {
            throw new MessageException("pushObject: null is not a header");
        }
        pending.addFirst(object);
    }

    /** Pops the topmost header, which must be an object. */
    public Object popObject() {
        if (!pending.isEmpty()) {
            return pending.removeFirst();
        }
        int len = peekInt();
        if (len < 0 || len > length() - 4) {
            throw new MessageException("popObject: object header of " + len + " bytes but only "
                    + (length() - 4) + " bytes follow");
        }
        // Decode before consuming, so a header that fails to decode is left in place.
        MsgBuffer header = new MsgBuffer(null, 0, 4 + len);
        peek(header);
        Object o = deserialize(Arrays.copyOfRange(header.data, header.off + 4, header.off + 4 + len));
        discard(4 + len);
        return o;
    }

    /** Reads the topmost header, which must be an object, without removing it. */
    public Object peekObject() {
        if (!pending.isEmpty()) {
            return pending.peekFirst();
        }
        Object o = popObject();
        pending.addFirst(o);
        return o;
    }

    @Override
    public ObjectsMessage copy() {
        ObjectsMessage c = new ObjectsMessage();
        copyInto(c);
        return c;
    }

    @Override
    protected void beforeByteAccess() {
        if (pending.isEmpty()) {
            return;
        }
        // Serialise bottom-most first so the topmost object ends up first in the bytes.
        Object[] objects = pending.toArray();
        pending.clear();
        for (int i = objects.length - 1; i >= 0; i--) {
            byte[] bytes = serialize(objects[i]);
            pushBytes(bytes);
            pushInt(bytes.length);
        }
    }

    private static byte[] serialize(Object o) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(o);
        } catch (IOException e) {
            throw new MessageException("pushObject: " + o.getClass().getName() + " could not be serialised", e);
        }
        return bytes.toByteArray();
    }

    private static Object deserialize(byte[] bytes) {
        ObjectInputFilter limits = ObjectInputFilter.Config.createFilter("maxdepth=" + MAX_DEPTH
                + ";maxrefs=" + MAX_REFS + ";maxarray=" + MAX_ARRAY + ";maxbytes=" + bytes.length);
        ObjectInputFilter jvmWide = ObjectInputFilter.Config.getSerialFilter();
        ObjectInputFilter filter = jvmWide == null ? limits : ObjectInputFilter.merge(limits, jvmWide);
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes))) {
            in.setObjectInputFilter(filter);
            return in.readObject();
        } catch (IOException | ClassNotFoundException | RuntimeException e) {
            throw new MessageException("popObject: the object header could not be read: " + e, e);
        }
    }

    @Override
    public String toString() {
        Iterator<Object> it = pending.iterator();
        return "ObjectsMessage[" + pending.size() + " pending objects" + (it.hasNext() ? ", top " + it.next().getClass().getSimpleName() : "") + "]";
    }
}
