package org.maftia.tx.manager;

import java.util.TreeSet;
import org.maftia.net.client.ClientId;
import org.maftia.crypto.codec.ByteReader;
import org.maftia.crypto.codec.ByteWriter;

/**
 * One entry of the transaction log (spec 5.3.4.1: {@code clients|resources|state}), with the votes
 * the commit gathers: the clients that voted commit (Protocol 18 line 8), the resources that
 * voted prepared (Protocol 20 line 6), and those that acknowledged the outcome (Protocol 22).
 * State changes only through {@link #moveTo}, which checks the transition table.
 */
final class TransactionRecord {

    final TreeSet<ClientId> clients = new TreeSet<>(ResourceRef.CLIENT_ORDER);
    final TreeSet<ResourceRef> resources = new TreeSet<>();
    final TreeSet<ClientId> commitVotes = new TreeSet<>(ResourceRef.CLIENT_ORDER);
    final TreeSet<ResourceRef> prepared = new TreeSet<>();
    final TreeSet<ResourceRef> acknowledged = new TreeSet<>();
    private TransactionState state = TransactionState.BEGIN;

    TransactionState state() {
        return state;
    }

    void moveTo(TransactionState next) {
        if (!state.successors().contains(next)) {
            throw new IllegalStateException("a transaction cannot go from " + state.label() + " to " + next.label());
        }
        state = next;
    }

    /** Protocol 22 line 5: every registered resource acknowledged the outcome. */
    boolean ended() {
        return state.decided() && acknowledged.containsAll(resources);
    }

    void encode(ByteWriter out) {
        out.u8(state.ordinal());
        writeClients(out, clients);
        writeResources(out, resources);
        writeClients(out, commitVotes);
        writeResources(out, prepared);
        writeResources(out, acknowledged);
    }

    static TransactionRecord decode(ByteReader in) {
        TransactionRecord record = new TransactionRecord();
        int state = in.u8("state");
        if (state >= TransactionState.values().length) {
            throw in.malformed("state " + state + " is not a transaction state");
        }
        record.state = TransactionState.values()[state];
        readClients(in, record.clients);
        readResources(in, record.resources);
        readClients(in, record.commitVotes);
        readResources(in, record.prepared);
        readResources(in, record.acknowledged);
        return record;
    }

    private static void writeClients(ByteWriter out, TreeSet<ClientId> clients) {
        out.u32(clients.size());
        clients.forEach(c -> out.raw(c.publicKey()));
    }

    private static void writeResources(ByteWriter out, TreeSet<ResourceRef> resources) {
        out.u32(resources.size());
        resources.forEach(r -> out.raw(r.manager().publicKey()).prefixed(r.resource()));
    }

    private static void readClients(ByteReader in, TreeSet<ClientId> into) {
        int count = in.count(32, "clients");
        for (int k = 0; k < count; k++) {
            into.add(new ClientId(in.raw(32, "client")));
        }
        if (into.size() != count) {
            throw in.malformed("a client listed twice");
        }
    }

    private static void readResources(ByteReader in, TreeSet<ResourceRef> into) {
        int count = in.count(36, "resources");
        for (int k = 0; k < count; k++) {
            into.add(new ResourceRef(new ClientId(in.raw(32, "manager")), in.prefixedString("resource")));
        }
        if (into.size() != count) {
            throw in.malformed("a resource listed twice");
        }
    }
}
