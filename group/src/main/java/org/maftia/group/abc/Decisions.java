package org.maftia.group.abc;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeMap;

/**
 * The answering side of catch-up, an addition to Protocol 7 (see {@link Abc}): the vectors V
 * decided at line 12 in the last {@code kept} rounds, and what each requester asked.
 *
 * <p>Bounded in bytes: the oldest vectors go while they exceed {@code bytesKept} in all, as long
 * as {@code atLeast} remain (a vector is at most n batches, so at most {@code atLeast} of the
 * largest). Every honest party decides the same vectors, so all of them keep the same rounds.
 *
 * <p>Bounded against Byzantine requesters: {@code kept} vectors, and per requester one waiting
 * request, the last round answered and the last round whose queue message was sent again. A requester is answered only rounds above the last one it
 * was answered (an honest one asks its rounds in order, each once), so it gets each round at most
 * once however often it asks; repeats, forgotten rounds and rounds too far ahead are counted and
 * dropped.
 */
final class Decisions {

    private final int kept;
    private final int atLeast;
    private final long bytesKept;
    private final TreeMap<Long, byte[]> decided = new TreeMap<>();
    private long bytes;
    /** Per requester: the last round answered, -1 before. */
    private final long[] answered;
    /** Per requester: a round asked before it was decided here, answered at the decision; -1 if none. */
    private final long[] waiting;
    /** Per requester: the last round whose queue message was sent to it again; -1 before. */
    private final long[] resent;
    private long answers;
    private long unanswered;

    Decisions(int n, int kept, int atLeast, long bytesKept) {
        this.kept = kept;
        this.atLeast = atLeast;
        this.bytesKept = bytesKept;
        answered = new long[n];
        waiting = new long[n];
        resent = new long[n];
        Arrays.fill(answered, -1);
        Arrays.fill(waiting, -1);
        Arrays.fill(resent, -1);
    }

    boolean contains(long round) {
        return decided.containsKey(round);
    }

    int size() {
        return decided.size();
    }

    /** Bytes of the vectors kept. */
    long bytes() {
        return bytes;
    }

    int waiting() {
        return (int) Arrays.stream(waiting).filter(w -> w >= 0).count();
    }

    /** Answers given (one message each). */
    long answers() {
        return answers;
    }

    /** Requests dropped: asked before, forgotten, or too far ahead. */
    long unanswered() {
        return unanswered;
    }

    /**
     * Round {@code round} decided {@code v}: kept, the oldest forgotten beyond {@code kept} vectors or
     * {@code bytesKept} bytes.
     *
     * @return the requesters that were waiting for it, now to be answered
     */
    List<Integer> record(long round, byte[] v) {
        decided.put(round, v);
        bytes += v.length;
        while (decided.size() > kept || (bytes > bytesKept && decided.size() > atLeast)) {
            bytes -= decided.pollFirstEntry().getValue().length;
        }
        List<Integer> toAnswer = new ArrayList<>();
        for (int j = 0; j < waiting.length; j++) {
            if (waiting[j] == round) {
                waiting[j] = -1;
                answered[j] = round;
                answers++;
                toAnswer.add(j);
            }
        }
        return toAnswer;
    }

    /** Whether this party's queue message of {@code round}, under way here, goes again to P_{@code from}: once per round. */
    boolean resendQueue(int from, long round) {
        if (round <= resent[from]) {
            return false;
        }
        resent[from] = round;
        return true;
    }

    /**
     * P_{@code from} asks for {@code round}, here where {@code undecided} is the first round not
     * decided yet: the vector to answer with now; or null, the request then waiting (if the round
     * is at most {@code window} ahead: it is answered when decided) or dropped.
     */
    byte[] request(int from, long round, long undecided, int window) {
        if (round <= answered[from]) {
            unanswered++;
            return null;
        }
        byte[] v = decided.get(round);
        if (v != null) {
            answered[from] = round;
            if (waiting[from] <= round) {
                waiting[from] = -1;
            }
            answers++;
            return v;
        }
        if (round >= undecided && round <= undecided + window) {
            waiting[from] = round;
        } else {
            unanswered++;
        }
        return null;
    }
}
