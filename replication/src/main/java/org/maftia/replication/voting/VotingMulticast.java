package org.maftia.replication.voting;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.maftia.group.core.Digest;
import org.maftia.replication.RequestRefusedException;
import org.maftia.replication.ServiceUnavailableException;
import org.maftia.replication.wire.ClientReply;
import org.maftia.replication.wire.ClientRequest;

/**
 * Protocol 11, Voting Multicast (spec 5.3.3.1), the client's side: a request goes to one member,
 * which broadcasts it to the group (Protocol 12); every replica replies; the result is the reply
 * t+1 replicas sent identically, one of them honest. A member that does not bring about t+1
 * replies within the timeout may be corrupted or down: the request goes to the next member (lines
 * 27-34), and after every member was tried the call fails (line 30, "halt and raise exception").
 *
 * <p>Departures, each for a reason: requests are numbered per session and many may be under way
 * at once (the protocol's queue q serializes them; a window of numbers gives the same per-client
 * order to the replicas' history while letting a client pipeline); the first member tried is
 * chosen by the request's number, spreading clients' load over the group; and replies gathered
 * before a timeout are kept (each is one replica's, so t+1 equal ones still include an honest
 * one). Transport and time are the caller's: {@link Members}, and {@link #timeout} when a
 * request's timer fires. Not thread-safe: the caller serializes.
 */
public final class VotingMulticast {

    /** Sends a frame to member {@code site}; must not block for long. */
    public interface Members {
        void send(int site, byte[] frame);
    }

    /** A request under way: its number, and its result once t+1 replicas (n-t for a read-only one) replied alike. */
    public record Invocation(long number, CompletableFuture<byte[]> result) {
    }

    private static final class Call {
        final ClientRequest request;
        final CompletableFuture<byte[]> result = new CompletableFuture<>();
        final int firstMember;
        int tried = 1;
        /** Per replica, the digest of its reply; one each. */
        final Map<Integer, Digest> replied = new HashMap<>();
        final Map<Digest, Integer> votes = new HashMap<>();

        Call(ClientRequest request, int firstMember) {
            this.request = request;
            this.firstMember = firstMember;
        }
    }

    private final int n;
    private final int t;
    private final long session;
    private final Members members;
    private final Map<Long, Call> calls = new HashMap<>();
    /**
     * Read-only requests are numbered apart, from here up: the replicas' history moves a client's
     * window only over ordered numbers it executed, so an ordered number taken by a read-only
     * request would never be executed and would stop the window there.
     */
    private static final long READ_ONLY_NUMBERS = 1L << 62;

    private long seq;
    private long readOnlySeq;

    public VotingMulticast(int n, int t, long session, Members members) {
        this.n = n;
        this.t = t;
        this.session = session;
        this.members = members;
    }

    public long session() {
        return session;
    }

    /** Requests under way. */
    public int outstanding() {
        return calls.size();
    }

    /** Lines 10-17: number the request and send it to the first member. */
    public Invocation invoke(byte[] operation) {
        return invoke(seq + 1, operation);
    }

    /**
     * Lines 10-17 with the number the caller gives: the replicas of a caller group number their
     * calls from their replicated state, so that every honest member asks for the same operation
     * under the same number (the callee executes it once t+1 members asked alike). A number under
     * way already gives that call.
     */
    public Invocation invoke(long number, byte[] operation) {
        if (number < 1) {
            throw new IllegalArgumentException("request numbers begin at 1, not " + number);
        }
        Call underWay = calls.get(number);
        if (underWay != null) {
            return new Invocation(number, underWay.result);
        }
        seq = Math.max(seq, number);
        Call call = new Call(new ClientRequest(false, session, number, operation), (int) (number % n));
        calls.put(number, call);
        members.send(call.firstMember, call.request.encode());
        return new Invocation(number, call.result);
    }

    /**
     * A read-only request, not in the spec: to every member at once, answered unordered from each
     * replica's current state. Taken when n-t replicas replied alike: then at least n-2t honest
     * ones are in that state, which the replicas' order reached. Otherwise ({@link #timeout}
     * fails it at once) the caller orders it instead.
     */
    public Invocation invokeReadOnly(byte[] operation) {
        long number = READ_ONLY_NUMBERS + ++readOnlySeq;
        Call call = new Call(new ClientRequest(true, session, number, operation), 0);
        call.tried = n;
        calls.put(number, call);
        byte[] frame = call.request.encode();
        for (int site = 0; site < n; site++) {
            members.send(site, frame);
        }
        return new Invocation(number, call.result);
    }

    /** Lines 18-26: a reply of replica {@code site}; the call completes when t+1 replicas replied the same. */
    public void replied(int site, ClientReply reply) {
        Call call = calls.get(reply.sequence());
        if (call == null || reply.session() != session || call.replied.containsKey(site)) {
            return; // line 20: a call done already, or this replica's second reply
        }
        Digest d = Digest.of(reply.encode());
        call.replied.put(site, d);
        int needed = call.request.readOnly() ? n - t : t + 1;
        if (call.votes.merge(d, 1, Integer::sum) == needed) {
            calls.remove(reply.sequence());
            switch (reply.status()) {
                case OK -> call.result.complete(reply.body());
                case REFUSED, SESSION_EXPIRED -> call.result.completeExceptionally(new RequestRefusedException(
                        "the group refused request " + reply.sequence() + ": " + reply.reason()));
            }
        }
    }

    /**
     * Lines 27-34: request {@code number} timed out at its current member. True if it went to the
     * next member (the caller arms the timer again); false if the call is over: answered, or
     * failed now because every member was tried.
     */
    public boolean timeout(long number) {
        Call call = calls.get(number);
        if (call == null) {
            return false;
        }
        if (call.tried == n) {
            calls.remove(number);
            call.result.completeExceptionally(new ServiceUnavailableException((call.request.readOnly() ? "read-only " : "")
                    + "request " + number + " was sent to each of the "
                    + n + " members and too few replicas replied alike (" + call.replied.size()
                    + " replied): too many are down, unreachable or corrupted, or this client is not admitted"));
            return false;
        }
        members.send((call.firstMember + call.tried) % n, call.request.encode());
        call.tried++;
        return true;
    }

    /** Fails every call under way, as when the proxy closes. */
    public void failAll(RuntimeException cause) {
        calls.values().forEach(c -> c.result.completeExceptionally(cause));
        calls.clear();
    }
}
