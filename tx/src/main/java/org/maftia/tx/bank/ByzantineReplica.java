package org.maftia.tx.bank;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;
import org.maftia.crypto.MalformedEncodingException;
import org.maftia.replication.Invoker;
import org.maftia.replication.ReplicatedService;
import org.maftia.replication.outcall.OutcallDriver;
import org.maftia.replication.outcall.Vote;
import org.maftia.tx.Reply;
import org.maftia.tx.manager.TmOperation;
import org.maftia.tx.resource.RmOperation;
import org.maftia.tx.site.Tamper;

/**
 * A corrupted replica of the bank (one per group in the demo and the tests), counting what it
 * tried: it answers clients wrongly (ok for notOk and back, a made-up balance), votes the opposite
 * of every reply its group's calls got (a no to prepare for a yes, a refusal of a registration for
 * an acceptance) and ticks far ahead, and forges the calls it sends: a transaction manager replica
 * asks resource managers to commit what should prepare or abort, a resource manager replica
 * registers a resource nobody invoked. Every one of these is outvoted: clients and groups take
 * only what t+1 replicas or members said alike.
 */
public final class ByzantineReplica implements Tamper {

    private final AtomicLong wrongReplies = new AtomicLong();
    private final AtomicLong wrongVotes = new AtomicLong();
    private final AtomicLong forgedCalls = new AtomicLong();

    @Override
    public ReplicatedService service(ReplicatedService honest) {
        return new ReplicatedService() {
            @Override
            public byte[] execute(byte[] request, Invoker invoker) {
                return lie(honest.execute(request, invoker));
            }

            @Override
            public byte[] executeReadOnly(byte[] request, Invoker invoker) {
                return lie(honest.executeReadOnly(request, invoker));
            }

            @Override
            public byte[] snapshot() {
                return honest.snapshot();
            }

            @Override
            public void restore(byte[] snapshot) {
                honest.restore(snapshot);
            }
        };
    }

    @Override
    public OutcallDriver.Callee callee(String name, OutcallDriver.Callee honest) {
        return (number, operation) -> honest.call(number, forge(operation));
    }

    @Override
    public OutcallDriver.Group self(OutcallDriver.Group honest) {
        return vote -> honest.submit(turn(vote));
    }

    private byte[] lie(byte[] reply) {
        wrongReplies.incrementAndGet();
        Reply honest = Reply.decode(reply);
        Reply.Result opposite = honest.ok() ? Reply.Result.NOT_OK : Reply.Result.OK;
        return new Reply(opposite, honest.reason() + " (so says a liar)", "1000000".getBytes(StandardCharsets.UTF_8)).encode();
    }

    private byte[] turn(byte[] vote) {
        wrongVotes.incrementAndGet();
        return switch (Vote.decode(vote)) {
            case Vote.Reply r -> new Vote.Reply(r.callId(), lie(r.reply())).encode();
            case Vote.Tick k -> new Vote.Tick(k.tick() + 1_000).encode();
        };
    }

    private byte[] forge(byte[] operation) {
        forgedCalls.incrementAndGet();
        try {
            return switch (RmOperation.decode(operation)) {
                case RmOperation.Prepare p -> new RmOperation.Commit(p.tid()).encode();
                case RmOperation.Abort a -> new RmOperation.Commit(a.tid()).encode();
                default -> operation;
            };
        } catch (MalformedEncodingException notAResourceManagerCall) {
            TmOperation.Register register = (TmOperation.Register) TmOperation.decode(operation);
            return new TmOperation.Register(register.tid(), "acct-forged", register.client()).encode();
        }
    }

    /** Replies it gave wrongly, votes it cast wrongly, calls it forged. */
    public String tried() {
        return wrongReplies.get() + " wrong replies, " + wrongVotes.get() + " wrong votes, " + forgedCalls.get() + " forged calls";
    }

    public long attempts() {
        return wrongReplies.get() + wrongVotes.get() + forgedCalls.get();
    }
}
