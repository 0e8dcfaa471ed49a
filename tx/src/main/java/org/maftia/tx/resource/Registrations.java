package org.maftia.tx.resource;

import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.TreeMap;
import java.util.TreeSet;
import org.maftia.crypto.codec.ByteReader;
import org.maftia.crypto.codec.ByteWriter;
import org.maftia.net.client.ClientId;
import org.maftia.tx.ClientOrder;
import org.maftia.tx.TransactionId;

/**
 * A resource manager's registrations with the transaction manager (Protocol 16 lines 7-18): those
 * under way (a client's invocation waits for them), the refusals (a tid unknown to the transaction
 * manager, or a client not one of its clients), and the transactions ended here, whose late
 * registrations and invocations are refused. Refusals and ends are remembered in the order they
 * happened, the oldest forgotten first beyond a bound. Sorted, for equal encodings at every replica.
 */
final class Registrations {

    /** A registration: the resource, for the client that invoked it, under the tid. */
    record Key(TransactionId tid, String resource, ClientId client) implements Comparable<Key> {

        private static final Comparator<Key> ORDER = Comparator.comparing(Key::tid).thenComparing(Key::resource)
                .thenComparing(Key::client, ClientOrder.ORDER);

        @Override
        public int compareTo(Key other) {
            return ORDER.compare(this, other);
        }

        byte[] encode() {
            return new ByteWriter().raw(tid.bytes()).prefixed(resource).raw(client.publicKey()).toByteArray();
        }

        static Key decode(byte[] bytes) {
            ByteReader in = new ByteReader(bytes, "registration");
            Key key = read(in);
            in.end();
            return key;
        }

        static Key read(ByteReader in) {
            return new Key(new TransactionId(in.raw(TransactionId.LENGTH, "tid")), in.prefixedString("resource"),
                    new ClientId(in.raw(32, "client")));
        }
    }

    private record Refusal(TransactionId tid, ClientId client) implements Comparable<Refusal> {

        private static final Comparator<Refusal> ORDER = Comparator.comparing(Refusal::tid).thenComparing(Refusal::client, ClientOrder.ORDER);

        @Override
        public int compareTo(Refusal other) {
            return ORDER.compare(this, other);
        }
    }

    private final TreeSet<Key> underWay = new TreeSet<>();
    private final TreeMap<ClientId, Integer> underWayBy = new TreeMap<>(ClientOrder.ORDER);
    private final TreeMap<Refusal, String> refusals = new TreeMap<>();
    private final ArrayDeque<Refusal> refusalOrder = new ArrayDeque<>();
    private final TreeSet<TransactionId> ended = new TreeSet<>();
    private final ArrayDeque<TransactionId> endOrder = new ArrayDeque<>();

    boolean underWay(Key key) {
        return underWay.contains(key);
    }

    int underWay() {
        return underWay.size();
    }

    int underWayFor(ClientId client) {
        return underWayBy.getOrDefault(client, 0);
    }

    void started(Key key) {
        underWay.add(key);
        underWayBy.merge(key.client(), 1, Integer::sum);
    }

    void finished(Key key) {
        if (underWay.remove(key)) {
            underWayBy.computeIfPresent(key.client(), (c, count) -> count == 1 ? null : count - 1);
        }
    }

    /** Why the transaction manager refused {@code client} under {@code tid}, or null. */
    String refusal(TransactionId tid, ClientId client) {
        return refusals.get(new Refusal(tid, client));
    }

    void refuse(TransactionId tid, ClientId client, String reason, int kept) {
        Refusal refusal = new Refusal(tid, client);
        if (refusals.put(refusal, reason) == null) {
            refusalOrder.addLast(refusal);
        }
        while (refusalOrder.size() > kept) {
            refusals.remove(refusalOrder.pollFirst());
        }
    }

    boolean ended(TransactionId tid) {
        return ended.contains(tid);
    }

    void end(TransactionId tid, int kept) {
        if (ended.add(tid)) {
            endOrder.addLast(tid);
        }
        while (endOrder.size() > kept) {
            ended.remove(endOrder.pollFirst());
        }
    }

    byte[] encode() {
        ByteWriter out = new ByteWriter().u32(underWay.size());
        underWay.forEach(key -> out.raw(key.encode()));
        out.u32(refusalOrder.size());
        refusalOrder.forEach(r -> out.raw(r.tid().bytes()).raw(r.client().publicKey()).prefixed(refusals.get(r)));
        out.u32(endOrder.size());
        endOrder.forEach(tid -> out.raw(tid.bytes()));
        return out.toByteArray();
    }

    static Registrations decode(byte[] bytes) {
        ByteReader in = new ByteReader(bytes, "registrations");
        Registrations r = new Registrations();
        for (int k = in.count(TransactionId.LENGTH + 36, "registrations under way"); k > 0; k--) {
            Key key = Key.read(in);
            if (r.underWay.contains(key)) {
                throw in.malformed("a registration listed twice");
            }
            r.started(key);
        }
        for (int k = in.count(TransactionId.LENGTH + 36, "refusals"); k > 0; k--) {
            Refusal refusal = new Refusal(new TransactionId(in.raw(TransactionId.LENGTH, "tid")), new ClientId(in.raw(32, "client")));
            if (r.refusals.put(refusal, in.prefixedString("reason")) != null) {
                throw in.malformed("a refusal listed twice");
            }
            r.refusalOrder.addLast(refusal);
        }
        for (int k = in.count(TransactionId.LENGTH, "ended"); k > 0; k--) {
            TransactionId tid = new TransactionId(in.raw(TransactionId.LENGTH, "tid"));
            if (!r.ended.add(tid)) {
                throw in.malformed(tid + " ended twice");
            }
            r.endOrder.addLast(tid);
        }
        in.end();
        return r;
    }
}
