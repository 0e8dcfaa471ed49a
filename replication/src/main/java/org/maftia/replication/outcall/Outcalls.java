package org.maftia.replication.outcall;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import org.maftia.crypto.codec.ByteReader;
import org.maftia.crypto.codec.ByteWriter;
import org.maftia.group.core.Digest;
import org.maftia.net.client.ClientId;

/**
 * The calls a replicated service makes to other replicated groups, and the group's clock: part of
 * the service's replicated state (spec 5.3.4: the transaction manager group asks resource manager
 * groups to prepare and waits for their votes; a resource manager group registers with the
 * transaction manager group and waits for the reply, Protocol 16 line 11).
 *
 * <p>A service in a replicated group cannot wait: it executes one operation and answers. So a call
 * is a record here, made while executing an operation: every honest replica makes the same calls in
 * the same order, with the same id and the same number in the callee's session. Each replica's
 * {@link OutcallDriver} sends the call through its member's link to the callee (which executes it
 * once t+1 members asked alike) and, when the callee's replicas answered alike, submits the reply
 * to its own group as a vote. The reply comes back into the group's order when t+1 distinct
 * members voted the same reply: at most t members are corrupted, so t+1 alike include an honest
 * one, which only votes what the callee answered. The service then acts on it as on any operation.
 *
 * <p>The clock works the same way: a member votes tick k+1 a period after it saw tick k, and the
 * group is at tick k+1 once t+1 members voted it (so at least one honest member's period passed).
 * A corrupted member can neither advance the clock nor stop it.
 *
 * <p>Bounds: at most {@code window} calls are out at once, counted from the oldest unanswered one
 * (the rest wait here, so the callee's window is kept); votes are kept only for calls out, one per
 * member, and only for the next tick. Votes for anything else are counted as ignored.
 */
public final class Outcalls {

    /** A call out: its id in the group, the callee's name, its number in the callee's session, the operation, and what it was for. */
    public record Call(long id, String callee, long number, byte[] operation, byte[] context) {
    }

    /** A call answered: the call and the reply t+1 members voted. */
    public record Answer(Call call, byte[] reply) {
    }

    /** Receives the calls that may go out now, on the protocol thread. */
    @FunctionalInterface
    public interface Listener {
        void send(Call call);
    }

    private final List<ClientId> members;
    private final int t;
    private final int window;
    private final int maxReplyBytes;

    private long nextId = 1;
    private final TreeMap<String, Long> nextNumber = new TreeMap<>();
    private final TreeMap<Long, Call> out = new TreeMap<>();
    /** Per call out: member index → reply digest, and the reply for each digest. */
    private final Map<Long, Map<Integer, Digest>> replyVotes = new HashMap<>();
    private final Map<Long, Map<Digest, byte[]>> replies = new HashMap<>();
    private long announcedUpTo;
    private long clock;
    private final TreeSet<Integer> tickVotes = new TreeSet<>();
    private long ignoredVotes;
    private Listener listener = call -> { };

    /**
     * @param members the group's members as they vote (each site's client key), in site order
     * @param t how many of them may be corrupted
     * @param window how many calls may be out at once
     * @param maxReplyBytes the largest reply a vote may carry
     */
    public Outcalls(List<ClientId> members, int t, int window, int maxReplyBytes) {
        if (members.size() <= 2 * t || window < 1 || maxReplyBytes < 1) {
            throw new IllegalArgumentException("outcalls need n > 2t members, a positive window and reply size");
        }
        this.members = List.copyOf(members);
        this.t = t;
        this.window = window;
        this.maxReplyBytes = maxReplyBytes;
    }

    /** Whether {@code client} is one of the group's members (its operations are votes). */
    public boolean isMember(ClientId client) {
        return members.contains(client);
    }

    /**
     * Records a call of {@code operation} to {@code callee}, numbered next in the callee's session;
     * {@code context} says what the answer is for. It goes out now if the window allows.
     */
    public Call call(String callee, byte[] operation, byte[] context) {
        long number = nextNumber.merge(callee, 1L, Long::sum);
        Call call = new Call(nextId++, callee, number, operation.clone(), context.clone());
        out.put(call.id(), call);
        announce();
        return call;
    }

    /**
     * A member's vote, delivered in the group's order: the answer when this vote makes t+1 alike,
     * and a tick counts toward the clock. Anything else (not a member, a call not out, a second
     * vote, a stale tick, an oversized reply) is ignored and counted.
     */
    public Optional<Answer> vote(ClientId member, Vote vote) {
        int index = members.indexOf(member);
        if (index < 0) {
            ignoredVotes++;
            return Optional.empty();
        }
        return switch (vote) {
            case Vote.Reply r -> replied(index, r);
            case Vote.Tick k -> {
                ticked(index, k.tick());
                yield Optional.empty();
            }
        };
    }

    private Optional<Answer> replied(int member, Vote.Reply vote) {
        Call call = out.get(vote.callId());
        if (call == null || call.id() > announcedUpTo || vote.reply().length > maxReplyBytes) {
            ignoredVotes++;
            return Optional.empty();
        }
        Map<Integer, Digest> votes = replyVotes.computeIfAbsent(call.id(), id -> new HashMap<>());
        if (votes.containsKey(member)) {
            ignoredVotes++;
            return Optional.empty();
        }
        Digest digest = Digest.of(vote.reply());
        votes.put(member, digest);
        replies.computeIfAbsent(call.id(), id -> new HashMap<>()).putIfAbsent(digest, vote.reply());
        if (votes.values().stream().filter(digest::equals).count() < t + 1) {
            return Optional.empty();
        }
        out.remove(call.id());
        replyVotes.remove(call.id());
        byte[] reply = replies.remove(call.id()).get(digest);
        announce();
        return Optional.of(new Answer(call, reply));
    }

    private void ticked(int member, long tick) {
        if (tick != clock + 1 || !tickVotes.add(member)) {
            ignoredVotes++;
            return;
        }
        if (tickVotes.size() >= t + 1) {
            clock++;
            tickVotes.clear();
        }
    }

    /** The group's clock: ticks t+1 members agreed passed. */
    public long clock() {
        return clock;
    }

    /** The calls out (sent, or waiting for the window), oldest first. */
    public List<Call> pending() {
        return new ArrayList<>(out.values());
    }

    /** The calls that may be out now, oldest first: what a driver sends after a restart or a state transfer. */
    public List<Call> sendable() {
        return new ArrayList<>(out.headMap(announcedUpTo, true).values());
    }

    /** Votes ignored: from non-members, for calls not out, repeated, stale ticks, oversized replies. */
    public long ignoredVotes() {
        return ignoredVotes;
    }

    /** Where the calls that may go out are given; the driver of this replica. */
    public void onSend(Listener listener) {
        this.listener = listener;
    }

    /** Lets out the calls the window now allows: those within {@code window} ids of the oldest unanswered. */
    private void announce() {
        long oldest = out.isEmpty() ? nextId : out.firstKey();
        for (Call call : out.tailMap(announcedUpTo, false).values()) {
            if (call.id() >= oldest + window) {
                break;
            }
            announcedUpTo = call.id();
            listener.send(call);
        }
    }

    /** The calls, votes and clock, deterministically encoded (members' votes in member order). */
    public byte[] encode() {
        ByteWriter w = new ByteWriter();
        w.u64(nextId).u64(announcedUpTo).u64(clock).u32(nextNumber.size());
        nextNumber.forEach((callee, number) -> w.prefixed(callee).u64(number));
        w.u32(out.size());
        for (Call call : out.values()) {
            w.u64(call.id()).prefixed(call.callee()).u64(call.number()).prefixed(call.operation()).prefixed(call.context());
            TreeMap<Integer, Digest> votes = new TreeMap<>(replyVotes.getOrDefault(call.id(), Map.of()));
            w.u32(votes.size());
            votes.forEach((member, digest) -> w.u16(member).prefixed(replies.get(call.id()).get(digest)));
        }
        w.u32(tickVotes.size());
        tickVotes.forEach(w::u16);
        w.u64(ignoredVotes);
        return w.toByteArray();
    }

    /** Reads what {@link #encode} wrote, for this group, without changing this state. Strict. */
    public Outcalls read(byte[] bytes) {
        ByteReader in = new ByteReader(bytes, "outcalls");
        Outcalls read = new Outcalls(members, t, window, maxReplyBytes);
        read.nextId = in.u64("next call id");
        read.announcedUpTo = in.u64("announced up to");
        read.clock = in.u64("clock");
        for (int k = in.count(9, "callees"); k > 0; k--) {
            read.nextNumber.put(in.prefixedString("callee"), in.u64("next number"));
        }
        for (int k = in.count(28, "calls"); k > 0; k--) {
            Call call = new Call(in.u64("call id"), in.prefixedString("callee"), in.u64("number"), in.prefixed("operation"),
                    in.prefixed("context"));
            if (call.id() >= read.nextId || call.number() > read.nextNumber.getOrDefault(call.callee(), 0L)
                    || read.out.put(call.id(), call) != null) {
                throw in.malformed("call " + call.id() + " not issued, numbered beyond its callee's, or listed twice");
            }
            for (int v = in.count(6, "votes"); v > 0; v--) {
                int member = in.u16("member");
                byte[] reply = in.prefixed("reply");
                if (member >= members.size() || reply.length > maxReplyBytes || read.replyVotes.computeIfAbsent(call.id(), id -> new HashMap<>())
                        .put(member, Digest.of(reply)) != null) {
                    throw in.malformed("a vote of member " + member + " on call " + call.id());
                }
                read.replies.computeIfAbsent(call.id(), id -> new HashMap<>()).putIfAbsent(Digest.of(reply), reply);
            }
        }
        for (int k = in.count(2, "tick votes"); k > 0; k--) {
            int member = in.u16("member");
            if (member >= members.size() || !read.tickVotes.add(member)) {
                throw in.malformed("a tick vote of member " + member);
            }
        }
        read.ignoredVotes = in.u64("ignored votes");
        in.end();
        if (read.announcedUpTo >= read.nextId) {
            throw in.malformed("calls announced up to " + read.announcedUpTo + " but only " + (read.nextId - 1) + " issued");
        }
        return read;
    }

    /**
     * Replaces this state with one {@link #read} gave, and gives the listener every call that may
     * be out: the driver sends them again, and a callee that executed one already answers from its
     * history.
     */
    public void adopt(Outcalls read) {
        nextId = read.nextId;
        announcedUpTo = read.announcedUpTo;
        clock = read.clock;
        nextNumber.clear();
        nextNumber.putAll(read.nextNumber);
        out.clear();
        out.putAll(read.out);
        replyVotes.clear();
        replyVotes.putAll(read.replyVotes);
        replies.clear();
        replies.putAll(read.replies);
        tickVotes.clear();
        tickVotes.addAll(read.tickVotes);
        ignoredVotes = read.ignoredVotes;
        sendable().forEach(listener::send);
    }
}
