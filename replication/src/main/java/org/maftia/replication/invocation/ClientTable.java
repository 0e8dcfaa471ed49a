package org.maftia.replication.invocation;

import java.util.ArrayDeque;
import java.util.BitSet;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.maftia.crypto.codec.ByteReader;
import org.maftia.crypto.codec.ByteWriter;
import org.maftia.net.client.ClientId;
import org.maftia.replication.Invoker;

/**
 * history of Protocol 13 ("if ¬contains(history, membership|seq)"): which requests of each client
 * were executed, so that a request delivered again (a client's retransmission through another
 * member, or a corrupted member's replay) is executed once.
 *
 * <p>Per client, its current session and a window: every number up to {@code low} executed, and
 * which of the next {@code window} numbers were. A later session replaces an earlier one (a
 * client's new proxy); an earlier session's requests are duplicates. Bounded: at most
 * {@code maxClients} clients, the least recently served forgotten first; a forgotten client's last
 * session is remembered among the last {@code 4 * maxClients} forgotten, so its old requests stay
 * duplicates that long. (A replay of a client forgotten longer ago than that executes again: no
 * bounded history refuses replays forever, as for d of atomic broadcast; a client that must never
 * see that numbers its operations in the service.)
 *
 * <p>Part of the replicated state: every honest replica updates it in the same order, so it is in
 * every checkpoint and compared by digest. It is changed only on ordered delivery.
 */
public final class ClientTable {

    /** What a request is, given the history. */
    public enum Verdict { EXECUTE, DUPLICATE, OUTSIDE_WINDOW, SESSION_EXPIRED }

    private static final class Client {
        long session;
        long low;
        /** Bit k: number low + 1 + k was executed. */
        BitSet executed = new BitSet();
    }

    private record Forgotten(ClientId client, long session) {
    }

    private final int window;
    private final int maxClients;
    /**
     * Least recently served first. In insertion order, an entry moved to the end when a request of
     * its client executes: judging an unordered request must not reorder it (replicated state).
     */
    private final LinkedHashMap<ClientId, Client> clients = new LinkedHashMap<>();
    private final ArrayDeque<Forgotten> forgotten = new ArrayDeque<>();
    private final Map<ClientId, Long> forgottenSession = new java.util.HashMap<>();

    public ClientTable(int window, int maxClients) {
        this.window = window;
        this.maxClients = maxClients;
    }

    /** Whether {@code invoker}'s request is to be executed, without changing anything. */
    public Verdict judge(Invoker invoker) {
        Client c = clients.get(invoker.client());
        if (c == null && invoker.session() <= forgottenSession.getOrDefault(invoker.client(), -1L)) {
            // Which of its numbers were executed is forgotten: the client must begin a new session.
            return Verdict.SESSION_EXPIRED;
        }
        if (c != null && invoker.session() < c.session) {
            return Verdict.DUPLICATE;
        }
        if (c == null || invoker.session() > c.session) {
            return invoker.sequence() >= 1 && invoker.sequence() <= window ? Verdict.EXECUTE : Verdict.OUTSIDE_WINDOW;
        }
        long seq = invoker.sequence();
        if (seq <= c.low || c.executed.get((int) (seq - c.low - 1))) {
            return Verdict.DUPLICATE;
        }
        return seq - c.low > window ? Verdict.OUTSIDE_WINDOW : Verdict.EXECUTE;
    }

    /** history ← history ∪ {(client, seq)} (Protocol 13, line 4), for a request {@link #judge} said to execute. */
    public void executed(Invoker invoker) {
        Client c = clients.remove(invoker.client());
        if (c != null) {
            clients.put(invoker.client(), c); // now the most recently served
        }
        if (c == null) {
            c = new Client();
            c.session = invoker.session();
            clients.put(invoker.client(), c);
            forgottenSession.remove(invoker.client());
            forgetBeyondBound();
        } else if (invoker.session() > c.session) {
            c.session = invoker.session();
            c.low = 0;
            c.executed = new BitSet();
        }
        c.executed.set((int) (invoker.sequence() - c.low - 1));
        int shift = c.executed.nextClearBit(0);
        if (shift > 0) {
            c.low += shift;
            c.executed = c.executed.get(shift, Math.max(shift, c.executed.length()));
        }
    }

    public int clients() {
        return clients.size();
    }

    private void forgetBeyondBound() {
        Iterator<Map.Entry<ClientId, Client>> eldest = clients.entrySet().iterator();
        while (clients.size() > maxClients) {
            Map.Entry<ClientId, Client> e = eldest.next();
            eldest.remove();
            forgotten.addLast(new Forgotten(e.getKey(), e.getValue().session));
            forgottenSession.put(e.getKey(), e.getValue().session);
            if (forgotten.size() > 4 * maxClients) {
                Forgotten old = forgotten.pollFirst();
                if (forgottenSession.get(old.client()) == old.session()) {
                    forgottenSession.remove(old.client());
                }
            }
        }
    }

    /** The table, deterministically encoded for a checkpoint: clients in their order, then the forgotten ones. */
    public byte[] encode() {
        ByteWriter out = new ByteWriter().u32(clients.size());
        for (Map.Entry<ClientId, Client> e : clients.entrySet()) {
            Client c = e.getValue();
            out.raw(e.getKey().publicKey()).u64(c.session).u64(c.low).prefixed(c.executed.toByteArray());
        }
        out.u32(forgotten.size());
        for (Forgotten f : forgotten) {
            out.raw(f.client().publicKey()).u64(f.session());
        }
        return out.toByteArray();
    }

    /** The table {@link #encode()} wrote, with this replica's bounds. */
    public static ClientTable decode(ByteReader in, int window, int maxClients) {
        ClientTable table = new ClientTable(window, maxClients);
        int count = in.u32("clients");
        if (count > maxClients) {
            throw in.malformed(count + " clients, more than " + maxClients);
        }
        Set<ClientId> seen = new HashSet<>();
        for (int k = 0; k < count; k++) {
            ClientId id = new ClientId(in.raw(32, "client"));
            Client c = new Client();
            c.session = in.u64("session");
            c.low = in.u64("low");
            c.executed = BitSet.valueOf(in.prefixed("executed"));
            if (!seen.add(id) || c.executed.length() > window) {
                throw in.malformed("client " + id + " listed twice or with a window too wide");
            }
            table.clients.put(id, c);
        }
        int forgottenCount = in.u32("forgotten");
        if (forgottenCount > 4 * maxClients) {
            throw in.malformed(forgottenCount + " forgotten clients");
        }
        for (int k = 0; k < forgottenCount; k++) {
            Forgotten f = new Forgotten(new ClientId(in.raw(32, "client")), in.u64("session"));
            table.forgotten.addLast(f);
            table.forgottenSession.put(f.client(), f.session());
        }
        return table;
    }
}
