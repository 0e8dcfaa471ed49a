package org.maftia.tx.manager;

import java.util.TreeSet;
import org.maftia.crypto.codec.ByteReader;
import org.maftia.crypto.codec.ByteWriter;
import org.maftia.net.client.ClientId;
import org.maftia.tx.ClientOrder;

/**
 * One entry of the transaction log (spec 5.3.4.1: {@code clients|resources|state}), with who began
 * it and when (the group's clock), and the votes the commit gathers: the clients that voted commit
 * (Protocol 18 line 8), the resource manager groups that answered prepared (Protocol 20 line 6),
 * and those that acknowledged the outcome (Protocol 22). State changes only through
 * {@link #moveTo}, which checks the transition table.
 */
final class TransactionRecord {

    final ClientId creator;
    final long beganAt;
    final TreeSet<ClientId> clients = new TreeSet<>(ClientOrder.ORDER);
    final TreeSet<ResourceRef> resources = new TreeSet<>();
    final TreeSet<ClientId> commitVotes = new TreeSet<>(ClientOrder.ORDER);
    final TreeSet<ClientId> prepared = new TreeSet<>(ClientOrder.ORDER);
    final TreeSet<ClientId> acknowledged = new TreeSet<>(ClientOrder.ORDER);
    private TransactionState state = TransactionState.BEGIN;

    TransactionRecord(ClientId creator, long beganAt) {
        this.creator = creator;
        this.beganAt = beganAt;
        clients.add(creator);
    }

    TransactionState state() {
        return state;
    }

    void moveTo(TransactionState next) {
        if (!state.successors().contains(next)) {
            throw new IllegalStateException("a transaction cannot go from " + state.label() + " to " + next.label());
        }
        state = next;
    }

    /** The resource manager groups with a resource registered, each once. */
    TreeSet<ClientId> managers() {
        TreeSet<ClientId> managers = new TreeSet<>(ClientOrder.ORDER);
        resources.forEach(r -> managers.add(r.manager()));
        return managers;
    }

    /** Protocol 22 line 5: every resource manager group acknowledged the outcome. */
    boolean ended() {
        return state.decided() && acknowledged.containsAll(managers());
    }

    void encode(ByteWriter out) {
        out.raw(creator.publicKey()).u64(beganAt).u8(state.ordinal());
        writeClients(out, clients);
        out.u32(resources.size());
        resources.forEach(r -> out.raw(r.manager().publicKey()).prefixed(r.resource()));
        writeClients(out, commitVotes);
        writeClients(out, prepared);
        writeClients(out, acknowledged);
    }

    static TransactionRecord decode(ByteReader in) {
        TransactionRecord record = new TransactionRecord(new ClientId(in.raw(32, "creator")), in.u64("began at"));
        int state = in.u8("state");
        if (state >= TransactionState.values().length) {
            throw in.malformed("state " + state + " is not a transaction state");
        }
        record.state = TransactionState.values()[state];
        readClients(in, record.clients);
        int count = in.count(36, "resources");
        for (int k = 0; k < count; k++) {
            record.resources.add(new ResourceRef(new ClientId(in.raw(32, "manager")), in.prefixedString("resource")));
        }
        if (record.resources.size() != count) {
            throw in.malformed("a resource listed twice");
        }
        readClients(in, record.commitVotes);
        readClients(in, record.prepared);
        readClients(in, record.acknowledged);
        return record;
    }

    private static void writeClients(ByteWriter out, TreeSet<ClientId> clients) {
        out.u32(clients.size());
        clients.forEach(c -> out.raw(c.publicKey()));
    }

    private static void readClients(ByteReader in, TreeSet<ClientId> into) {
        into.clear();
        int count = in.count(32, "clients");
        for (int k = 0; k < count; k++) {
            into.add(new ClientId(in.raw(32, "client")));
        }
        if (into.size() != count) {
            throw in.malformed("a client listed twice");
        }
    }
}
