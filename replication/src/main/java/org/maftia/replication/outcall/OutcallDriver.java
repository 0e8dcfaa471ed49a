package org.maftia.replication.outcall;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One replica's side of its group's {@link Outcalls}: sends each call through this member's link to
 * the callee group, and submits what came back to its own group as this member's {@link Vote};
 * votes the clock's next tick a period after it saw the last one. Not replicated: each replica
 * has its own, and what it does becomes part of the group's state only through the votes.
 *
 * <p>A call or vote that failed (the callee or the own group unreachable for a while) is tried
 * again at the next period: a callee executes a call once whatever the number of tries, and a
 * member's second vote on the same thing is ignored.
 *
 * <p>Thread-safety: {@link #send} and {@link #period} are called on the protocol thread; replies
 * complete on the links' threads.
 */
public final class OutcallDriver {

    private static final Logger LOG = LoggerFactory.getLogger(OutcallDriver.class);

    /** A callee group as this member calls it: {@code GroupCaller#call}, or a simulated one. */
    @FunctionalInterface
    public interface Callee {
        CompletableFuture<byte[]> call(long number, byte[] operation);
    }

    /** This member's own group, as a client: an ordered request, answered when t+1 replicas agree. */
    @FunctionalInterface
    public interface Group {
        CompletableFuture<byte[]> submit(byte[] vote);
    }

    private final Map<String, Callee> callees;
    private final Group self;
    private final List<Outcalls.Call> failedCalls = new ArrayList<>();
    private final List<Vote> failedVotes = new ArrayList<>();
    private final AtomicLong failures = new AtomicLong();
    private long clockSeen = -1;
    private long tickVoted;

    public OutcallDriver(Map<String, Callee> callees, Group self) {
        this.callees = Map.copyOf(callees);
        this.self = self;
    }

    /** Sends a call the group made; when the callee's replicas answered alike, votes their reply. */
    public void send(Outcalls.Call call) {
        Callee callee = callees.get(call.callee());
        if (callee == null) {
            // A service calling a group this site was not given: configuration, logged once per call.
            LOG.error("call {} is to '{}', a group this site has no link to; it waits", call.id(), call.callee());
            return;
        }
        CompletableFuture<byte[]> reply;
        try {
            reply = callee.call(call.number(), call.operation());
        } catch (RuntimeException e) {
            reply = CompletableFuture.failedFuture(e);
        }
        reply.whenComplete((bytes, error) -> {
            if (error != null) {
                retryLater(call, error);
            } else {
                vote(new Vote.Reply(call.id(), bytes));
            }
        });
    }

    /**
     * Every period, on the protocol thread, with the group's clock: tries failed calls and votes
     * again, and votes the next tick if the clock stood still for a whole period (so that at
     * least one period passes between ticks at every honest member).
     */
    public void period(long clock) {
        List<Outcalls.Call> calls;
        List<Vote> votes;
        synchronized (this) {
            calls = new ArrayList<>(failedCalls);
            votes = new ArrayList<>(failedVotes);
            failedCalls.clear();
            failedVotes.clear();
        }
        calls.forEach(this::send);
        votes.forEach(this::vote);
        if (clock == clockSeen && tickVoted <= clock) {
            tickVoted = clock + 1;
            vote(new Vote.Tick(clock + 1));
        }
        clockSeen = clock;
    }

    /** Calls and votes that failed and were tried again. */
    public long failures() {
        return failures.get();
    }

    private void vote(Vote vote) {
        CompletableFuture<byte[]> submitted;
        try {
            submitted = self.submit(vote.encode());
        } catch (RuntimeException e) {
            submitted = CompletableFuture.failedFuture(e);
        }
        submitted.whenComplete((ignored, error) -> {
            if (error != null) {
                failures.incrementAndGet();
                synchronized (this) {
                    failedVotes.add(vote);
                }
            }
        });
    }

    private void retryLater(Outcalls.Call call, Throwable error) {
        failures.incrementAndGet();
        LOG.debug("call {} to '{}' failed, tried again next period: {}", call.id(), call.callee(), error.getMessage());
        synchronized (this) {
            failedCalls.add(call);
        }
    }
}
