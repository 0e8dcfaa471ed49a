package org.maftia.tx.resource;

import java.util.TreeSet;
import org.maftia.crypto.codec.ByteReader;
import org.maftia.crypto.codec.ByteWriter;
import org.maftia.net.client.ClientId;
import org.maftia.tx.ClientOrder;

/**
 * What one transaction is at this resource manager (the spec's {@code state} table, Protocol 16,
 * per transaction rather than per resource): the resources registered with the transaction
 * manager, the clients it confirmed as the transaction's, the resources written (saved before the
 * first write), whether an invocation was refused, whether it is prepared (then it may not invoke
 * any more: Protocol 16 line 7 leaves a prepared resource alone), and the tick it began here.
 */
final class Participation {

    final TreeSet<String> registered = new TreeSet<>();
    final TreeSet<ClientId> clients = new TreeSet<>(ClientOrder.ORDER);
    final TreeSet<String> written = new TreeSet<>();
    boolean failed;
    boolean prepared;
    final long since;

    Participation(long since) {
        this.since = since;
    }

    boolean admits(ClientId client, String resource) {
        return clients.contains(client) && registered.contains(resource);
    }

    void encode(ByteWriter out) {
        out.u64(since).bool(failed).bool(prepared);
        writeNames(out, registered);
        out.u32(clients.size());
        clients.forEach(c -> out.raw(c.publicKey()));
        writeNames(out, written);
    }

    static Participation decode(ByteReader in) {
        Participation p = new Participation(in.u64("since"));
        p.failed = in.bool("failed");
        p.prepared = in.bool("prepared");
        readNames(in, p.registered, "registered");
        int count = in.count(32, "clients");
        for (int k = 0; k < count; k++) {
            p.clients.add(new ClientId(in.raw(32, "client")));
        }
        if (p.clients.size() != count) {
            throw in.malformed("a client listed twice");
        }
        readNames(in, p.written, "written");
        return p;
    }

    private static void writeNames(ByteWriter out, TreeSet<String> names) {
        out.u32(names.size());
        names.forEach(out::prefixed);
    }

    private static void readNames(ByteReader in, TreeSet<String> into, String field) {
        int count = in.count(4, field);
        for (int k = 0; k < count; k++) {
            into.add(in.prefixedString(field));
        }
        if (into.size() != count) {
            throw in.malformed("a " + field + " resource listed twice");
        }
    }
}
