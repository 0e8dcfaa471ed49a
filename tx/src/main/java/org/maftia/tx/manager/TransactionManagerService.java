package org.maftia.tx.manager;

import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.maftia.net.client.ClientId;
import org.maftia.replication.Invoker;
import org.maftia.replication.ReplicatedService;
import org.maftia.tx.Reply;
import org.maftia.tx.TransactionId;
import org.maftia.crypto.codec.ByteWriter;

/**
 * The transaction manager's state machine (spec 5.3.4, the TMP: Protocols 14, 15, 17, 18, 20, 22
 * and 23 as the log sees them), run by every replica of the transaction manager group. An
 * operation is a {@link TmOperation}; the reply is an encoded {@link Reply}. The caller is the
 * authenticated {@link Invoker}: a client, or a resource manager group (its caller-group id).
 * What the protocols send on to other groups (rm-prepare, rm-commit, rm-abort, unlock) is not
 * sent from here: the reply names the state reached, and the wiring between groups acts on it.
 */
public final class TransactionManagerService implements ReplicatedService {

    private static final byte[] TID_LABEL = "maftia transaction id\0".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    private final SecretKeySpec tidKey;
    private TransactionLog log = new TransactionLog();

    /**
     * @param tidSeed a secret of at least 32 random bytes, the same at every replica of the group
     *     and known to nobody else (it is part of the group's configuration, like its keys)
     */
    public TransactionManagerService(byte[] tidSeed) {
        if (tidSeed.length < 32) {
            throw new IllegalArgumentException("the tid seed must be at least 32 secret random bytes, not " + tidSeed.length);
        }
        this.tidKey = new SecretKeySpec(tidSeed.clone(), "HmacSHA256");
    }

    @Override
    public byte[] execute(byte[] request, Invoker invoker) {
        ClientId source = invoker.client();
        Reply reply = switch (TmOperation.decode(request)) {
            case TmOperation.Begin b -> onBegin(source);
            case TmOperation.Join j -> onJoin(j.tid(), source);
            case TmOperation.Register r -> onRegister(r.tid(), new ResourceRef(source, r.resource()));
            case TmOperation.Commit c -> onCommit(c.tid(), source);
            case TmOperation.Abort a -> onAbort(a.tid(), source);
            case TmOperation.PrepareVote p -> onPrepareReply(p.tid(), new ResourceRef(source, p.resource()), p.ok());
            case TmOperation.Acknowledge a -> onAcknowledge(a.tid(), new ResourceRef(source, a.resource()));
            case TmOperation.Status s -> onStatus(s.tid(), source);
        };
        return reply.encode();
    }

    @Override
    public byte[] executeReadOnly(byte[] request, Invoker invoker) {
        if (TmOperation.decode(request) instanceof TmOperation.Status s) {
            return onStatus(s.tid(), invoker.client()).encode();
        }
        throw new IllegalArgumentException("only status is read-only; order every other operation");
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
        TransactionId tid = tidAt(log.nextBegin());
        TransactionRecord record = new TransactionRecord();
        record.clients.add(source);                                   // line 3
        log.put(tid, record);                                         // line 6
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

    /** Protocol 17: a resource manager group registers one of its resources, in state begin only. */
    private Reply onRegister(TransactionId tid, ResourceRef resource) {
        TransactionRecord record = log.get(tid).orElse(null);
        if (record == null) {
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
     * resources are asked to prepare (state preparing), or, with none registered, the transaction
     * commits at once. No client votes against: a client that disagrees aborts (Protocol 23).
     */
    private Reply onCommit(TransactionId tid, ClientId source) {
        TransactionRecord record = log.get(tid).orElse(null);
        if (record == null) {
            return unknown(tid);
        }
        if (!record.clients.contains(source)) {
            return notAClient(tid, source);
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
        record.moveTo(record.resources.isEmpty() ? TransactionState.COMMITTED : TransactionState.PREPARING);  // lines 9-15
        return Reply.ok(record.state().label());
    }

    /** Protocol 23: any client of the transaction aborts it while it is not yet preparing. */
    private Reply onAbort(TransactionId tid, ClientId source) {
        TransactionRecord record = log.get(tid).orElse(null);
        if (record == null) {
            return unknown(tid);                                      // line 3
        }
        if (!record.clients.contains(source)) {
            return notAClient(tid, source);
        }
        if (record.state() != TransactionState.BEGIN && record.state() != TransactionState.VOTING) {
            return Reply.notOk(tid + " is " + record.state().label() + ", too late to abort");  // line 5
        }
        record.moveTo(TransactionState.ABORTED);                      // lines 7-9
        return Reply.ok(record.state().label());
    }

    /**
     * Protocol 20: a registered resource's prepare vote. A no aborts at once (line 10: "any
     * resource votes no"); the last yes commits. A vote from a resource not registered, or
     * outside the preparing state, changes nothing.
     */
    private Reply onPrepareReply(TransactionId tid, ResourceRef resource, boolean ok) {
        TransactionRecord record = log.get(tid).orElse(null);
        if (record == null) {
            return unknown(tid);                                      // line 2
        }
        if (!record.resources.contains(resource)) {
            return Reply.notOk(resource.resource() + " of " + resource.manager() + " is not registered with " + tid);
        }
        if (record.state() != TransactionState.PREPARING) {
            return Reply.notOk(tid + " is " + record.state().label() + ", not preparing");
        }
        if (!ok) {
            record.moveTo(TransactionState.ABORTED);                  // lines 8-9, 21-23
        } else {
            record.prepared.add(resource);                            // lines 4-6
            if (record.prepared.containsAll(record.resources)) {
                record.moveTo(TransactionState.COMMITTED);            // lines 12-14
            }
        }
        return Reply.ok(record.state().label());
    }

    /** Protocol 22: a resource acknowledged the outcome; the reply says whether all have (ended). */
    private Reply onAcknowledge(TransactionId tid, ResourceRef resource) {
        TransactionRecord record = log.get(tid).orElse(null);
        if (record == null) {
            return unknown(tid);                                      // line 2
        }
        if (!record.resources.contains(resource)) {
            return Reply.notOk(resource.resource() + " of " + resource.manager() + " is not registered with " + tid);
        }
        if (!record.state().decided()) {
            return Reply.notOk(tid + " is " + record.state().label() + ", nothing to acknowledge yet");
        }
        record.acknowledged.add(resource);                            // line 4
        return Reply.ok(record.ended() ? "ended" : record.state().label());  // lines 5-7
    }

    /**
     * The state of a transaction (its outcome once decided), to its clients only: others learn
     * nothing, not even that it exists.
     */
    private Reply onStatus(TransactionId tid, ClientId source) {
        TransactionRecord record = log.get(tid).orElse(null);
        if (record == null) {
            return unknown(tid);
        }
        if (!record.clients.contains(source)) {
            return unknown(tid);
        }
        return Reply.ok(record.state().label());
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

    /** A tid never issued, or forged: the same answer, so a guess learns nothing. */
    private static Reply unknown(TransactionId tid) {
        return Reply.notOk("no transaction " + tid);
    }

    private static Reply notAClient(TransactionId tid, ClientId source) {
        return Reply.notOk(source + " is not a client of " + tid);
    }

    @Override
    public byte[] snapshot() {
        return log.encode();
    }

    /** The seed is not in the snapshot: it is configuration, the same at every replica. */
    @Override
    public void restore(byte[] snapshot) {
        log = TransactionLog.decode(snapshot);
    }
}
