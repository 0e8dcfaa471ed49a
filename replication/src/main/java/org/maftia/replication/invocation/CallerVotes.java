package org.maftia.replication.invocation;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.maftia.crypto.codec.ByteReader;
import org.maftia.crypto.codec.ByteWriter;
import org.maftia.group.core.Digest;
import org.maftia.net.client.ClientId;
import org.maftia.replication.CallerGroup;

/**
 * The votes of caller groups' members awaiting t+1 alike (Protocol 13 with {@code group(source)}
 * a replicated group): a delivered request of a member is its vote for (session, number,
 * operation); the group's request is executed when t+1 distinct members voted the same operation
 * under the same session and number, at least one of them honest.
 *
 * <p>Bounded: one vote per member per number (a second, different operation under the same number
 * is refused), and per member at most {@code window} votes waiting; a corrupted member fills only
 * its own quota. Votes leave when their number is executed, and all of a session's when the group
 * executes a request of a later one. Only digests of operations are kept: the vote that completes
 * t+1 carries the operation itself.
 *
 * <p>Part of the replicated state: changed only on ordered delivery, so every honest replica holds
 * the same votes at the same point of the order; it is in every checkpoint.
 */
public final class CallerVotes {

    /** What a vote did. */
    public enum Outcome {
        /** Counted (or the member's same vote again); fewer than t+1 alike. */
        WAITING,
        /** t+1 alike with this one: execute; the number's votes are gone. */
        AGREED,
        /** Not counted: a different operation under a number the member voted for, or its quota is full. */
        REFUSED
    }

    /** A vote's outcome and, once agreed, the members that voted for that number (each gets the reply). */
    public record Ballot(Outcome outcome, List<ClientId> askers) {
    }

    private record Number(long session, long sequence) implements Comparable<Number> {
        @Override
        public int compareTo(Number o) {
            int c = Long.compare(session, o.session);
            return c != 0 ? c : Long.compare(sequence, o.sequence);
        }
    }

    private final List<CallerGroup> groups;
    private final int window;
    private final Map<ClientId, Integer> groupOfMember = new HashMap<>();
    /** Per group: per number, each voter's operation digest by member index. */
    private final List<TreeMap<Number, TreeMap<Integer, Digest>>> votes = new ArrayList<>();
    /** Per group, per member: its votes waiting. */
    private final List<int[]> waiting = new ArrayList<>();

    public CallerVotes(List<CallerGroup> groups, int window) {
        this.groups = List.copyOf(groups);
        this.window = window;
        for (int g = 0; g < this.groups.size(); g++) {
            for (ClientId member : this.groups.get(g).members()) {
                groupOfMember.put(member, g);
            }
            votes.add(new TreeMap<>());
            waiting.add(new int[this.groups.get(g).members().size()]);
        }
    }

    /** group(j) of Protocols 12-13: the caller group {@code client} is a member of, or null for a client on its own. */
    public CallerGroup groupOf(ClientId client) {
        Integer g = groupOfMember.get(client);
        return g == null ? null : groups.get(g);
    }

    /** Whether {@code member} of a caller group has its vote for this number waiting (its request need not be broadcast again). */
    public boolean voted(ClientId member, long session, long sequence) {
        Integer g = groupOfMember.get(member);
        if (g == null) {
            return false;
        }
        TreeMap<Integer, Digest> ballots = votes.get(g).get(new Number(session, sequence));
        return ballots != null && ballots.containsKey(groups.get(g).indexOf(member));
    }

    /** Votes waiting, over every group. */
    public int size() {
        int size = 0;
        for (TreeMap<Number, TreeMap<Integer, Digest>> group : votes) {
            for (TreeMap<Integer, Digest> ballots : group.values()) {
                size += ballots.size();
            }
        }
        return size;
    }

    /** A member's delivered request, whose number the history says is still to execute, as its vote. */
    public Ballot vote(ClientId member, long session, long sequence, byte[] operation) {
        int g = groupOfMember.get(member);
        CallerGroup group = groups.get(g);
        int m = group.indexOf(member);
        Number number = new Number(session, sequence);
        Digest digest = Digest.of(operation);
        TreeMap<Integer, Digest> ballots = votes.get(g).get(number);
        if (ballots != null && ballots.containsKey(m)) {
            return new Ballot(ballots.get(m).equals(digest) ? Outcome.WAITING : Outcome.REFUSED, List.of());
        }
        if (waiting.get(g)[m] >= window) {
            return new Ballot(Outcome.REFUSED, List.of());
        }
        if (ballots == null) {
            ballots = new TreeMap<>();
            votes.get(g).put(number, ballots);
        }
        ballots.put(m, digest);
        waiting.get(g)[m]++;
        if (ballots.values().stream().filter(digest::equals).count() <= group.t()) {
            return new Ballot(Outcome.WAITING, List.of());
        }
        List<ClientId> askers = new ArrayList<>();
        for (int voter : ballots.keySet()) {
            askers.add(group.members().get(voter));
        }
        forget(g, votes.get(g).remove(number));
        // The group's session is now this one at least: earlier sessions' numbers are duplicates.
        Iterator<TreeMap<Integer, Digest>> earlier = votes.get(g).headMap(new Number(session, Long.MIN_VALUE)).values().iterator();
        while (earlier.hasNext()) {
            forget(g, earlier.next());
            earlier.remove();
        }
        return new Ballot(Outcome.AGREED, List.copyOf(askers));
    }

    private void forget(int g, TreeMap<Integer, Digest> ballots) {
        for (int voter : ballots.keySet()) {
            waiting.get(g)[voter]--;
        }
    }

    /** The votes, deterministically encoded for a checkpoint: groups in their order, numbers and voters ascending. */
    public byte[] encode() {
        ByteWriter out = new ByteWriter();
        for (TreeMap<Number, TreeMap<Integer, Digest>> group : votes) {
            out.u32(group.size());
            group.forEach((number, ballots) -> {
                out.u64(number.session()).u64(number.sequence()).u16(ballots.size());
                ballots.forEach((voter, digest) -> out.u16(voter).raw(digest.bytes()));
            });
        }
        return out.toByteArray();
    }

    /** The votes {@link #encode()} wrote, with this replica's caller groups and window; checked against both. */
    public static CallerVotes decode(ByteReader in, List<CallerGroup> groups, int window) {
        CallerVotes table = new CallerVotes(groups, window);
        for (int g = 0; g < table.groups.size(); g++) {
            CallerGroup group = table.groups.get(g);
            int size = group.members().size();
            int numbers = in.u32("numbers");
            if ((long) numbers > (long) size * window) {
                throw in.malformed(numbers + " numbers waiting for caller group " + group.name());
            }
            Number previous = null;
            for (int k = 0; k < numbers; k++) {
                Number number = new Number(in.u64("session"), in.u64("sequence"));
                int voters = in.u16("voters");
                if (previous != null && number.compareTo(previous) <= 0 || voters < 1 || voters > size) {
                    throw in.malformed("numbers out of order or " + voters + " voters");
                }
                previous = number;
                TreeMap<Integer, Digest> ballots = new TreeMap<>();
                int last = -1;
                for (int v = 0; v < voters; v++) {
                    int voter = in.u16("voter");
                    if (voter <= last || voter >= size || ++table.waiting.get(g)[voter] > window) {
                        throw in.malformed("voter " + voter + " out of order, unknown or over its window");
                    }
                    last = voter;
                    ballots.put(voter, new Digest(in.raw(Digest.LENGTH, "digest")));
                }
                for (Digest d : ballots.values()) {
                    if (ballots.values().stream().filter(d::equals).count() > group.t()) {
                        throw in.malformed("t+1 alike votes not executed");
                    }
                }
                table.votes.get(g).put(number, ballots);
            }
        }
        return table;
    }
}
