package org.maftia.tx.manager;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.maftia.crypto.codec.ByteReader;
import org.maftia.crypto.codec.ByteWriter;
import org.maftia.net.client.ClientId;
import org.maftia.replication.Invoker;
import org.maftia.replication.ReplicatedService;
import org.maftia.replication.outcall.Outcalls;
import org.maftia.replication.outcall.Vote;
import org.maftia.tx.Reply;
import org.maftia.tx.TransactionId;
import org.maftia.tx.resource.RmOperation;

/**
 * The transaction manager's state machine (spec 5.3.4, the TMP: Protocols 14, 15, 17, 18, 20, 22
 * and 23), run by every replica of the transaction manager group. A client's or a resource manager
 * group's operation is a {@link TmOperation}; the reply is an encoded {@link Reply}. The caller is
 * the authenticated {@link Invoker}: a client, or a resource manager group (its caller-group id).
 * The group's own members vote the replies of its calls to the resource manager groups (prepare,
 * commit, abort) and the ticks of its clock ({@link Outcalls}).
 */
public final class TransactionManagerService implements ReplicatedService {

    private static final byte[] TID_LABEL = "maftia transaction id\0".getBytes(StandardCharsets.US_ASCII);
    private static final int PREPARE = 1;
    private static final int DECISION = 2;

    private final TmSettings settings;
    private final SecretKeySpec tidKey;
    private final Outcalls outcalls;
    private TransactionLog log = new TransactionLog();

    public TransactionManagerService(TmSettings settings) {
        this.settings = settings;
        this.tidKey = new SecretKeySpec(settings.tidSeed(), "HmacSHA256");
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
        Reply reply = switch (TmOperation.decode(request)) {
            case TmOperation.Begin b -> onBegin(source);
            case TmOperation.Join j -> onJoin(j.tid(), source);
            case TmOperation.Register r -> onRegister(r.tid(), new ResourceRef(source, r.resource()), r.client());
            case TmOperation.Commit c -> onCommit(c.tid(), source);
            case TmOperation.Abort a -> onAbort(a.tid(), source);
            case TmOperation.Status s -> onStatus(s.tid(), source);
            case TmOperation.Summary s -> onSummary();
        };
        return reply.encode();
    }

    @Override
    public byte[] executeReadOnly(byte[] request, Invoker invoker) {
        return switch (TmOperation.decode(request)) {
            case TmOperation.Status s -> onStatus(s.tid(), invoker.client()).encode();
            case TmOperation.Summary s -> onSummary().encode();
            default -> throw new IllegalArgumentException("only status and summary are read-only; order every other operation");
        };
    }

    /**
     * Protocol 14: a new transaction with the caller as its one client. The spec's tid is a
     * counter; a counter would let anyone guess the tids of others' transactions and join them
     * (Protocol 15 admits whoever knows the tid). Here the tid is HMAC-SHA256 under the group's
     * secret seed of the begin's position in the order: every honest replica executes the same
     * begins in the same order, so they compute the same tid, while to anyone without the seed the
     * HMAC is a pseudo-random function, so tids seen (its own) tell nothing about others'. A
     * corrupted replica knows the seed; it also knows the log, so the seed gives it nothing more.
     */
    private Reply onBegin(ClientId source) {
        if (log.open() >= settings.maxOpen()) {
            return Reply.retry(settings.maxOpen() + " transactions are open; begin again later");
        }
        if (log.openBy(source) >= settings.maxOpenPerClient()) {
            return Reply.retry("this client has " + settings.maxOpenPerClient() + " transactions open; end one first");
        }
        TransactionId tid = tidAt(log.nextBegin());                   // line 2
        log.put(tid, new TransactionRecord(source, outcalls.clock())); // lines 3-6
        return Reply.ok("begin", tid.bytes());                        // line 7
    }

    /** Protocol 15: the caller joins if the transaction exists and is still in state begin. */
    private Reply onJoin(TransactionId tid, ClientId source) {
        TransactionRecord record = log.get(tid).orElse(null);
        if (record == null) {
            return unknown(tid);                                      // lines 3-4
        }
        if (record.state() != TransactionState.BEGIN) {
            return Reply.notOk(tid + " is " + record.state().label() + ", no longer open to join");  // lines 7-8
        }
        record.clients.add(source);                                   // lines 10-13
        return Reply.ok("joined");
    }

    /**
     * Protocol 17: a resource manager group registers one of its resources, in state begin only,
     * for a client of the transaction: the resource manager lets a client act on a tid only once
     * this said the client is one of its clients (a tid is a capability, 3.3.4.2).
     */
    private Reply onRegister(TransactionId tid, ResourceRef resource, ClientId client) {
        if (!settings.resourceManagers().containsKey(resource.manager())) {
            return Reply.notOk(resource.manager() + " is not a resource manager group of this transaction manager");
        }
        TransactionRecord record = log.get(tid).orElse(null);
        if (record == null || !record.clients.contains(client)) {
            return unknown(tid);                                      // lines 2-4
        }
        if (record.state() != TransactionState.BEGIN) {
            return Reply.notOk(tid + " is " + record.state().label() + ", no resource may register");  // lines 6-7
        }
        record.resources.add(resource);                               // lines 10-12
        return Reply.ok("registered");
    }

    /**
     * Protocol 18: a client of the transaction votes commit. When every client has voted, the
     * resource manager groups are asked to prepare (state preparing), or, with none registered,
     * the transaction commits at once. No client votes against: a client that disagrees aborts
     * (Protocol 23).
     */
    private Reply onCommit(TransactionId tid, ClientId source) {
        TransactionRecord record = log.get(tid).orElse(null);
        if (record == null || !record.clients.contains(source)) {
            return unknown(tid);
        }
        if (record.state() != TransactionState.BEGIN && record.state() != TransactionState.VOTING) {
            return Reply.notOk(tid + " is " + record.state().label() + ", no longer open to votes");  // lines 28-30
        }
        record.commitVotes.add(source);                               // line 8
        if (!record.commitVotes.containsAll(record.clients)) {
            if (record.state() == TransactionState.BEGIN) {
                record.moveTo(TransactionState.VOTING);               // line 7
            }
            return Reply.ok(TransactionState.VOTING.label());
        }
        if (record.resources.isEmpty()) {
            decide(tid, record, TransactionState.COMMITTED);
        } else {
            record.moveTo(TransactionState.PREPARING);
            for (ClientId manager : record.managers()) {              // lines 11-15
                call(manager, new RmOperation.Prepare(tid), PREPARE, tid);
            }
        }
        return Reply.ok(record.state().label());
    }

    /** Protocol 23: any client of the transaction aborts it while it is not yet preparing. */
    private Reply onAbort(TransactionId tid, ClientId source) {
        TransactionRecord record = log.get(tid).orElse(null);
        if (record == null || !record.clients.contains(source)) {
            return unknown(tid);                                      // line 3
        }
        if (record.state() != TransactionState.BEGIN && record.state() != TransactionState.VOTING) {
            return Reply.notOk(tid + " is " + record.state().label() + ", too late to abort");  // line 5
        }
        decide(tid, record, TransactionState.ABORTED);                // lines 7-14
        return Reply.ok(record.state().label());
    }

    /**
     * Protocol 20: a resource manager group's answer to prepare. A no aborts at once (line 10:
     * "any resource votes no"); the last yes commits.
     */
    private void onPrepared(TransactionId tid, ClientId manager, Reply answer) {
        TransactionRecord record = log.get(tid).orElse(null);
        if (record == null || record.state() != TransactionState.PREPARING) {
            return;                                                   // decided already: a no came first
        }
        if (!answer.ok()) {
            decide(tid, record, TransactionState.ABORTED);            // lines 21-29
            return;
        }
        record.prepared.add(manager);                                 // line 6
        if (record.prepared.containsAll(record.managers())) {
            decide(tid, record, TransactionState.COMMITTED);          // lines 12-20
        }
    }

    /** Protocol 22: a resource manager group applied the outcome; the transaction ends when all have. */
    private void onAcknowledged(TransactionId tid, ClientId manager) {
        log.get(tid).ifPresent(record -> record.acknowledged.add(manager));  // lines 4-7
    }

    /**
     * Protocol 20 lines 12-31 and Protocol 23 lines 8-14: the outcome, recorded, and sent to every
     * resource manager group registered (each commits or aborts and releases the transaction's
     * locks there, lines 18-19 and 27-28 as one call). The clients read it with {@code Status}.
     */
    private void decide(TransactionId tid, TransactionRecord record, TransactionState outcome) {
        record.moveTo(outcome);
        log.decided(tid, settings.endedKept());
        RmOperation decision = outcome == TransactionState.COMMITTED ? new RmOperation.Commit(tid) : new RmOperation.Abort(tid);
        for (ClientId manager : record.managers()) {
            call(manager, decision, DECISION, tid);
        }
    }

    /** A tick of the group's clock: transactions open longer than {@code openTicks} are aborted (their clients vanished). */
    private void onTick(long clock) {
        for (TransactionId tid : log.openBefore(clock - settings.openTicks())) {
            decide(tid, log.get(tid).orElseThrow(), TransactionState.ABORTED);
        }
    }

    /**
     * The state of a transaction (its outcome once decided), to its clients only: others learn
     * nothing, not even that it exists.
     */
    private Reply onStatus(TransactionId tid, ClientId source) {
        TransactionRecord record = log.get(tid).orElse(null);
        if (record == null || !record.clients.contains(source)) {
            return unknown(tid);
        }
        return Reply.ok(record.ended() ? "ended " + record.state().label() : record.state().label());
    }

    /** 3.3.4.2 getStatus: how many transactions are in each state, and the clock. */
    private Reply onSummary() {
        StringBuilder text = new StringBuilder("clock ").append(outcalls.clock());
        long[] counts = log.countByState();
        for (TransactionState state : TransactionState.values()) {
            text.append(", ").append(state.label()).append(' ').append(counts[state.ordinal()]);
        }
        return Reply.ok(text.toString());
    }

    /** A member's vote: when t+1 agree, a resource manager group's answer or a tick is acted on. */
    private byte[] onVote(ClientId member, Vote vote) {
        long clock = outcalls.clock();
        outcalls.vote(member, vote).ifPresent(answer -> {
            ByteReader context = new ByteReader(answer.call().context(), "call context");
            int kind = context.u8("kind");
            TransactionId tid = new TransactionId(context.raw(TransactionId.LENGTH, "tid"));
            ClientId manager = new ClientId(context.raw(32, "manager"));
            Reply reply = Reply.answerFrom("resource manager", answer.reply());
            if (kind == PREPARE) {
                onPrepared(tid, manager, reply);
            } else {
                onAcknowledged(tid, manager);
            }
        });
        if (outcalls.clock() != clock) {
            onTick(outcalls.clock());
        }
        return Reply.ok("counted").encode();
    }

    private void call(ClientId manager, RmOperation operation, int kind, TransactionId tid) {
        byte[] context = new ByteWriter().u8(kind).raw(tid.bytes()).raw(manager.publicKey()).toByteArray();
        outcalls.call(settings.resourceManagers().get(manager), operation.encode(), context);
    }

    private TransactionId tidAt(long position) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(tidKey);
            mac.update(TID_LABEL);
            return new TransactionId(mac.doFinal(new ByteWriter().u64(position).toByteArray()));
        } catch (InvalidKeyException e) {
            throw new IllegalStateException("the tid seed is not an HMAC key", e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JDK has no HmacSHA256, which every Java platform must have", e);
        }
    }

    /** A tid never issued, forged, or not the caller's: the same answer, so a guess learns nothing. */
    private static Reply unknown(TransactionId tid) {
        return Reply.notOk("no transaction " + tid);
    }

    @Override
    public byte[] snapshot() {
        return new ByteWriter().prefixed(log.encode()).prefixed(outcalls.encode()).toByteArray();
    }

    /** The seed is not in the snapshot: it is configuration, the same at every replica. */
    @Override
    public void restore(byte[] snapshot) {
        ByteReader in = new ByteReader(snapshot, "transaction manager snapshot");
        TransactionLog restored = TransactionLog.decode(in.prefixed("log"));
        Outcalls restoredCalls = outcalls.read(in.prefixed("outcalls"));
        in.end();
        outcalls.adopt(restoredCalls);
        log = restored;
    }
}
