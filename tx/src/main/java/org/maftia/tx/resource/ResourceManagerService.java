package org.maftia.tx.resource;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;
import org.maftia.net.client.ClientId;
import org.maftia.replication.Invoker;
import org.maftia.replication.ReplicatedService;
import org.maftia.tx.Reply;
import org.maftia.tx.TransactionId;
import org.maftia.crypto.codec.ByteReader;
import org.maftia.crypto.codec.ByteWriter;
import org.maftia.tx.lock.LockMode;
import org.maftia.tx.lock.LockTable;

/**
 * The resource manager's state machine (spec 5.3.4, the RMP: Protocols 16, 19 and 21, with the
 * Locking Manager of Protocol 24), run by every replica of a resource manager group over a fixed
 * set of named {@link Resource}s. Clients invoke methods under a tid; the transaction manager group
 * (the one caller allowed to) prepares, commits and aborts. An operation is an
 * {@link RmOperation}; the reply is an encoded {@link Reply}.
 */
public final class ResourceManagerService implements ReplicatedService {

    private final ClientId transactionManager;
    private final TreeMap<String, Resource> resources;
    private LockTable locks = new LockTable();
    private TreeMap<TransactionId, Participation> transactions = new TreeMap<>();

    /**
     * @param transactionManager the transaction manager group as it calls (its caller-group id)
     * @param resources the resources by id; the same ids and initial states at every replica
     */
    public ResourceManagerService(ClientId transactionManager, Map<String, ? extends Resource> resources) {
        this.transactionManager = transactionManager;
        this.resources = new TreeMap<>(resources);
    }

    @Override
    public byte[] execute(byte[] request, Invoker invoker) {
        RmOperation operation = RmOperation.decode(request);
        if (!(operation instanceof RmOperation.Invoke) && !invoker.client().equals(transactionManager)) {
            return Reply.notOk(invoker.client() + " is not the transaction manager: only it prepares, commits or aborts").encode();
        }
        Reply reply = switch (operation) {
            case RmOperation.Invoke i -> onInvoke(i);
            case RmOperation.Prepare p -> onPrepare(p.tid());
            case RmOperation.Commit c -> onCommit(c.tid());
            case RmOperation.Abort a -> onAbort(a.tid());
        };
        return reply.encode();
    }

    /**
     * Protocol 16 lines 19-31 with Protocol 24 lines 1-23: the lock the method needs, then the
     * method on the tentative state, saved at the transaction's first write of the resource. A
     * lock conflict is notOk and changes nothing (no waiting: 3.3.4 leaves deadlock to timeouts,
     * and a replica never blocks). A refused method marks the transaction failed here, so that
     * its prepare votes no: a transfer whose withdrawal was refused cannot commit its deposit.
     */
    private Reply onInvoke(RmOperation.Invoke invoke) {
        TransactionId tid = invoke.tid();
        Resource resource = resources.get(invoke.resource());
        if (resource == null) {
            return Reply.notOk("no resource '" + invoke.resource() + "' here");
        }
        Participation participation = transactions.get(tid);
        if (participation != null && participation.prepared) {
            return Reply.notOk(tid + " is prepared: no more invocations");
        }
        LockMode mode;
        try {
            mode = resource.lockFor(invoke.method());
        } catch (ResourceRefusedException e) {
            return Reply.notOk(e.getMessage());
        }
        if (!locks.lock(invoke.resource(), tid, mode)) {
            return Reply.notOk(invoke.resource() + " is locked (" + locks.lockOn(invoke.resource()).name().toLowerCase(java.util.Locale.ROOT)
                    + ") by another transaction");
        }
        participation = transactions.computeIfAbsent(tid, t -> new Participation());
        if (mode == LockMode.WRITE && participation.written.add(invoke.resource())) {
            resource.save();                                          // Protocol 16 line 9
        }
        try {
            String value = resource.invoke(invoke.method(), invoke.args());  // line 21
            return Reply.ok("invoked", value.getBytes(StandardCharsets.UTF_8));
        } catch (ResourceRefusedException e) {
            participation.failed = true;
            return Reply.notOk(e.getMessage());
        }
    }

    /**
     * Protocol 19: the vote. Yes only if the transaction did something here, nothing it did was
     * refused, it still holds the write locks of what it wrote, and every resource it wrote
     * agrees. A tid unknown here votes no: its work (if any) was not done here.
     */
    private Reply onPrepare(TransactionId tid) {
        Participation participation = transactions.get(tid);
        if (participation == null) {
            return Reply.notOk("nothing of " + tid + " here");
        }
        if (participation.failed) {
            return Reply.notOk("an invocation of " + tid + " was refused");
        }
        for (String name : participation.written) {
            if (!locks.holds(name, tid, LockMode.WRITE) || !resources.get(name).prepare(tid)) {
                return Reply.notOk(name + " cannot commit " + tid);
            }
        }
        participation.prepared = true;                                // line 2
        return Reply.ok("prepared");
    }

    /** Protocol 21 lines 8-14: only a prepared transaction commits; its locks are released. */
    private Reply onCommit(TransactionId tid) {
        Participation participation = transactions.get(tid);
        if (participation == null || !participation.prepared) {
            return Reply.notOk(tid + " is not prepared here");       // line 10
        }
        participation.written.forEach(name -> resources.get(name).commit(tid));  // line 12
        forget(tid);                                                  // line 13, Protocol 20 line 19
        return Reply.ok("committed");
    }

    /**
     * Protocol 21 lines 1-7: the tentative states are dropped and the locks released. Acknowledged
     * even when nothing of the transaction is here (line 7 acks in every case), so a repeated
     * abort is harmless.
     */
    private Reply onAbort(TransactionId tid) {
        Participation participation = transactions.get(tid);
        if (participation == null) {
            return Reply.ok("nothing to abort");
        }
        participation.written.forEach(name -> resources.get(name).abort(tid));  // line 5
        forget(tid);                                                  // line 6, Protocol 20 line 28
        return Reply.ok("aborted");
    }

    /** All resources or none: if one refuses its state, those already restored go back. */
    private void restoreResources(TreeMap<String, byte[]> states) {
        TreeMap<String, byte[]> previous = new TreeMap<>();
        try {
            states.forEach((name, state) -> {
                previous.put(name, resources.get(name).snapshot());
                resources.get(name).restore(state);
            });
        } catch (RuntimeException e) {
            previous.forEach((name, state) -> resources.get(name).restore(state));
            throw e;
        }
    }

    private void forget(TransactionId tid) {
        locks.releaseAll(tid);
        transactions.remove(tid);
    }

    @Override
    public byte[] snapshot() {
        ByteWriter out = new ByteWriter().u32(resources.size());
        resources.forEach((name, resource) -> out.prefixed(name).prefixed(resource.snapshot()));
        out.prefixed(locks.encode()).u32(transactions.size());
        transactions.forEach((tid, participation) -> {
            out.raw(tid.bytes()).bool(participation.failed).bool(participation.prepared).u32(participation.written.size());
            participation.written.forEach(out::prefixed);
        });
        return out.toByteArray();
    }

    /** Decodes everything before changing anything; the resources must be this replica's. */
    @Override
    public void restore(byte[] snapshot) {
        ByteReader in = new ByteReader(snapshot, "resource manager snapshot");
        int count = in.count(8, "resources");
        if (count != resources.size()) {
            throw in.malformed(count + " resources, this replica has " + resources.size());
        }
        TreeMap<String, byte[]> states = new TreeMap<>();
        for (int k = 0; k < count; k++) {
            String name = in.prefixedString("resource id");
            if (!resources.containsKey(name) || states.put(name, in.prefixed("resource state")) != null) {
                throw in.malformed("resource '" + name + "' unknown here or listed twice");
            }
        }
        LockTable restoredLocks = LockTable.decode(in.prefixed("locks"));
        TreeMap<TransactionId, Participation> restored = new TreeMap<>();
        for (int k = in.count(TransactionId.LENGTH + 6, "transactions"); k > 0; k--) {
            TransactionId tid = new TransactionId(in.raw(TransactionId.LENGTH, "tid"));
            Participation participation = new Participation();
            participation.failed = in.bool("failed");
            participation.prepared = in.bool("prepared");
            for (int w = in.count(4, "written"); w > 0; w--) {
                String name = in.prefixedString("written resource");
                if (!resources.containsKey(name) || !participation.written.add(name)) {
                    throw in.malformed("written resource '" + name + "' unknown here or listed twice");
                }
            }
            if (restored.put(tid, participation) != null) {
                throw in.malformed(tid + " listed twice");
            }
        }
        in.end();
        restoreResources(states);
        locks = restoredLocks;
        transactions = restored;
    }
}
