package org.maftia.tx.resource;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.maftia.crypto.codec.ByteReader;
import org.maftia.crypto.codec.ByteWriter;
import org.maftia.net.client.ClientId;
import org.maftia.replication.Invoker;
import org.maftia.replication.ReplicatedService;
import org.maftia.replication.outcall.Outcalls;
import org.maftia.replication.outcall.Vote;
import org.maftia.tx.Reply;
import org.maftia.tx.TransactionId;
import org.maftia.tx.lock.LockMode;
import org.maftia.tx.lock.LockTable;
import org.maftia.tx.manager.TmOperation;

/**
 * The resource manager's state machine (spec 5.3.4, the RMP: Protocols 16, 19 and 21, with the
 * Locking Manager of Protocol 24), run by every replica of a resource manager group over a fixed
 * set of named {@link Resource}s. Clients invoke methods under a tid; the transaction manager group
 * (the one caller allowed to) prepares, commits, aborts and unlocks. An operation is an
 * {@link RmOperation}; the reply is an encoded {@link Reply}. The group's own members vote the
 * transaction manager's replies to its registrations and the ticks of its clock ({@link Outcalls}).
 */
public final class ResourceManagerService implements ReplicatedService {

    private final RmSettings settings;
    private final TreeMap<String, Resource> resources;
    private final Outcalls outcalls;
    private LockTable locks = new LockTable();
    private TreeMap<TransactionId, Participation> transactions = new TreeMap<>();
    private Registrations registrations = new Registrations();
    private long lockTimeouts;

    /** @param resources the resources by id; the same ids and initial states at every replica */
    public ResourceManagerService(RmSettings settings, Map<String, ? extends Resource> resources) {
        this.settings = settings;
        this.resources = new TreeMap<>(resources);
        this.outcalls = new Outcalls(settings.members(), settings.t(), 64, 64 << 10);
    }

    /** The calls this replica's group makes and its clock; a driver sends them. */
    public Outcalls outcalls() {
        return outcalls;
    }

    @Override
    public byte[] execute(byte[] request, Invoker invoker) {
        ClientId source = invoker.client();
        if (outcalls.isMember(source)) {
            return onVote(source, Vote.decode(request));
        }
        RmOperation operation = RmOperation.decode(request);
        boolean fromManager = source.equals(settings.transactionManager());
        Reply reply = switch (operation) {
            case RmOperation.Invoke i -> onInvoke(i, source);
            case RmOperation.Enlist e -> admitted(e.tid(), e.resource(), source, () -> Reply.ok("registered"));
            case RmOperation.SetLock l -> admitted(l.tid(), l.resource(), source, () -> lock(l.tid(), l.resource(), l.mode()));
            case RmOperation.Status s -> onStatus();
            case RmOperation.Prepare p when fromManager -> onPrepare(p.tid());
            case RmOperation.Commit c when fromManager -> onCommit(c.tid());
            case RmOperation.Abort a when fromManager -> onAbort(a.tid());
            case RmOperation.Unlock u when fromManager -> onUnlock(u.tid(), u.resource());
            default -> Reply.notOk(source + " is not the transaction manager: only it prepares, commits, aborts or unlocks");
        };
        return reply.encode();
    }

    @Override
    public byte[] executeReadOnly(byte[] request, Invoker invoker) {
        if (RmOperation.decode(request) instanceof RmOperation.Status) {
            return onStatus().encode();
        }
        throw new IllegalArgumentException("only status is read-only; order every other operation");
    }

    /**
     * Protocol 16 lines 19-31 with Protocol 24 lines 1-23: the lock the method needs, then the
     * method on the tentative state, saved at the transaction's first write of the resource. A
     * lock conflict is notOk and changes nothing (no waiting: a replica never blocks, and the
     * client retries with back-off, then aborts). A refused method marks the transaction failed
     * here, so that its prepare votes no: a transfer whose withdrawal was refused cannot commit
     * its deposit.
     */
    private Reply onInvoke(RmOperation.Invoke invoke, ClientId client) {
        Resource resource = resources.get(invoke.resource());
        if (resource == null) {
            return Reply.notOk("no resource '" + invoke.resource() + "' here");
        }
        LockMode mode;
        try {
            mode = resource.lockFor(invoke.method());
        } catch (ResourceRefusedException e) {
            return Reply.notOk(e.getMessage());
        }
        return admitted(invoke.tid(), invoke.resource(), client, () -> {
            Reply locked = lock(invoke.tid(), invoke.resource(), mode);
            if (!locked.ok()) {
                return locked;
            }
            Participation participation = transactions.get(invoke.tid());
            if (mode == LockMode.WRITE && participation.written.add(invoke.resource())) {
                resource.save();                                      // Protocol 16 line 9
            }
            try {
                String value = resource.invoke(invoke.method(), invoke.args());  // line 21
                return Reply.ok("invoked", value.getBytes(StandardCharsets.UTF_8));
            } catch (ResourceRefusedException e) {
                participation.failed = true;
                return Reply.notOk(e.getMessage());
            }
        });
    }

    /**
     * Protocol 16 lines 2-18: {@code then} runs only for a client the transaction manager
     * confirmed as one of the transaction's, on a resource registered with it. Otherwise the
     * registration is asked for (line 10) and the client told to retry: line 11 waits for the
     * reply, which a replica cannot; the reply comes back into the group's order as its members'
     * votes, and the client's next try finds the resource registered (or the refusal).
     */
    private Reply admitted(TransactionId tid, String resourceId, ClientId client, java.util.function.Supplier<Reply> then) {
        if (!resources.containsKey(resourceId)) {
            return Reply.notOk("no resource '" + resourceId + "' here");
        }
        if (registrations.ended(tid)) {
            return Reply.notOk(tid + " ended here");
        }
        Participation participation = transactions.get(tid);
        if (participation != null && participation.prepared) {
            return Reply.notOk(tid + " is prepared: no more invocations");
        }
        if (participation != null && participation.admits(client, resourceId)) {
            return then.get();
        }
        String refused = registrations.refusal(tid, client);
        if (refused != null) {
            return Reply.notOk(refused);                              // lines 16-18, 23-30
        }
        Registrations.Key key = new Registrations.Key(tid, resourceId, client);
        if (!registrations.underWay(key)) {
            if (registrations.underWayFor(client) >= settings.registrationsPerClient()) {
                return Reply.retry(settings.registrationsPerClient() + " registrations of this client are under way");
            }
            byte[] context = key.encode();
            outcalls.call(settings.transactionManagerName(), new TmOperation.Register(tid, resourceId, client).encode(), context);
            registrations.started(key);                               // line 10
        }
        return Reply.retry("registering " + resourceId + " with " + tid + " at the transaction manager");  // line 11
    }

    /** Protocol 16 lines 12-18: the transaction manager's answer to a registration, voted by t+1 members. */
    private void onRegistered(Registrations.Key key, Reply answer) {
        registrations.finished(key);
        if (registrations.ended(key.tid())) {
            return;                                                   // aborted here meanwhile: nothing to hold
        }
        if (!answer.ok()) {
            registrations.refuse(key.tid(), key.client(), answer.reason(), settings.endedKept());
            return;
        }
        Participation participation = transactions.computeIfAbsent(key.tid(), tid -> new Participation(outcalls.clock()));
        participation.registered.add(key.resource());                // lines 14-15
        participation.clients.add(key.client());
    }

    /** Protocol 24 lines 1-23: a lock for the transaction, or notOk (retry) while another holds a conflicting one. */
    private Reply lock(TransactionId tid, String resource, LockMode mode) {
        if (!locks.lock(resource, tid, mode)) {
            return Reply.retry(resource + " is locked (" + locks.lockOn(resource).name().toLowerCase(Locale.ROOT)
                    + ") by another transaction");
        }
        return Reply.ok("locked " + mode.name().toLowerCase(Locale.ROOT));
    }

    /**
     * Protocol 19: the vote. Yes only if the transaction did something here, nothing it did was
     * refused, it still holds the write locks of what it wrote, and every resource it wrote
     * agrees. A tid unknown here (or aborted here when its locks timed out) votes no: its work,
     * if any, is not here.
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

    /**
     * Protocol 21 lines 8-14, with Protocol 20 line 19's unlock: only a prepared transaction
     * commits; its locks are released.
     */
    private Reply onCommit(TransactionId tid) {
        Participation participation = transactions.get(tid);
        if (participation == null || !participation.prepared) {
            return Reply.notOk(tid + " is not prepared here");       // line 10
        }
        participation.written.forEach(name -> resources.get(name).commit(tid));  // line 12
        end(tid);                                                     // line 13
        return Reply.ok("committed");
    }

    /**
     * Protocol 21 lines 1-7, with Protocol 20 line 28's unlock: the tentative states are dropped
     * and the locks released. Acknowledged even when nothing of the transaction is here (line 7
     * acks in every case), so a repeated abort is harmless.
     */
    private Reply onAbort(TransactionId tid) {
        rollBack(tid);
        return Reply.ok("aborted");
    }

    /**
     * Protocol 24 lines 24-31: the transaction manager releases a transaction's lock. Strict
     * two-phase locking (3.3.3.2) holds a written resource's lock until commit or abort, so only
     * a lock on a resource the transaction did not write is released early.
     */
    private Reply onUnlock(TransactionId tid, String resource) {
        Participation participation = transactions.get(tid);
        if (participation != null && participation.written.contains(resource)) {
            return Reply.notOk(tid + " wrote " + resource + ": its lock is held until commit or abort");
        }
        return locks.unlock(resource, tid) ? Reply.ok("unlocked") : Reply.notOk(tid + " holds no lock on " + resource);
    }

    /** 3.3.4.1 getStatus: transactions, locks and registrations here, and the clock. */
    private Reply onStatus() {
        return Reply.ok("clock " + outcalls.clock() + ", transactions " + transactions.size() + ", registrations under way "
                + registrations.underWay() + ", lock timeouts " + lockTimeouts);
    }

    /**
     * A tick of the group's clock: a transaction holding anything here, not prepared, that began
     * here more than {@code lockTicks} ticks ago is aborted here (a prepared one waits for the
     * transaction manager's decision: 2PC allows a participant to abort only before it votes).
     */
    private void onTick(long clock) {
        for (TransactionId tid : new ArrayList<>(transactions.keySet())) {
            Participation participation = transactions.get(tid);
            if (!participation.prepared && participation.since < clock - settings.lockTicks()) {
                rollBack(tid);
                lockTimeouts++;
            }
        }
    }

    /** A member's vote: when t+1 agree, the transaction manager's answer to a registration or a tick is acted on. */
    private byte[] onVote(ClientId member, Vote vote) {
        long clock = outcalls.clock();
        outcalls.vote(member, vote).ifPresent(answer -> {
            Registrations.Key key = Registrations.Key.decode(answer.call().context());
            onRegistered(key, Reply.answerFrom("transaction manager", answer.reply()));
        });
        if (outcalls.clock() != clock) {
            onTick(outcalls.clock());
        }
        return Reply.ok("counted").encode();
    }

    private void rollBack(TransactionId tid) {
        Participation participation = transactions.get(tid);
        if (participation != null) {
            participation.written.forEach(name -> resources.get(name).abort(tid));  // Protocol 21 line 5
        }
        end(tid);
    }

    /** Protocol 20 lines 19 and 28: the transaction's locks released, and its end remembered. */
    private void end(TransactionId tid) {
        locks.releaseAll(tid);
        transactions.remove(tid);
        registrations.end(tid, settings.endedKept());
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

    @Override
    public byte[] snapshot() {
        ByteWriter out = new ByteWriter().u32(resources.size());
        resources.forEach((name, resource) -> out.prefixed(name).prefixed(resource.snapshot()));
        out.prefixed(locks.encode()).u32(transactions.size());
        transactions.forEach((tid, participation) -> {
            out.raw(tid.bytes());
            participation.encode(out);
        });
        return out.prefixed(registrations.encode()).u64(lockTimeouts).prefixed(outcalls.encode()).toByteArray();
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
        for (int k = in.count(TransactionId.LENGTH + 22, "transactions"); k > 0; k--) {
            TransactionId tid = new TransactionId(in.raw(TransactionId.LENGTH, "tid"));
            Participation participation = Participation.decode(in);
            if (!resources.keySet().containsAll(participation.written) || restored.put(tid, participation) != null) {
                throw in.malformed(tid + " listed twice or wrote a resource unknown here");
            }
        }
        Registrations restoredRegistrations = Registrations.decode(in.prefixed("registrations"));
        long restoredTimeouts = in.u64("lock timeouts");
        Outcalls restoredCalls = outcalls.read(in.prefixed("outcalls"));
        in.end();
        restoreResources(states);
        outcalls.adopt(restoredCalls);
        locks = restoredLocks;
        transactions = restored;
        registrations = restoredRegistrations;
        lockTimeouts = restoredTimeouts;
    }
}
