package org.maftia.group.abc;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.maftia.group.core.Digest;

/**
 * The asking side of catch-up, an addition to Protocol 7 (see {@link Abc}): when to ask for the
 * decision of the current round, and which answered vector to take.
 *
 * <p>When: while t+1 distinct parties have shown (by a queue message) a round beyond the window,
 * so at least one honest party is there and every round before it was decided; and, after that,
 * as long as the rounds keep being decided by answers rather than by this party's own agreement,
 * because the queue messages it refused while behind are not sent again, so the rounds just below
 * the others' may have no other way to be decided here.
 *
 * <p>What: a vector answered by t+1 distinct parties, compared by digest. One of them is honest,
 * and an honest party answers the V its agreement decided (or that t+1 parties answered it), the
 * same at every honest party by VBA's agreement. Bounded: the last round shown per party, and for
 * the one round asked, one answer per party (at most n distinct vectors).
 */
final class CatchUp {

    private final int t;
    /** Per party, the highest round it showed; -1 before. */
    private final long[] shown;
    /** The round asked for, -1 when not asking. */
    private long asking = -1;
    /** Per party, the digest of its answer for {@link #asking}, null before. */
    private final Digest[] answerOf;
    private final Map<Digest, byte[]> vectors = new HashMap<>();
    /** Whether the last round decided here was taken from answers. */
    private boolean lastFromAnswers;
    private long adopted;
    private long wrongAnswers;
    private long ignoredAnswers;

    CatchUp(int n, int t) {
        this.t = t;
        shown = new long[n];
        answerOf = new Digest[n];
        Arrays.fill(shown, -1);
    }

    /** Rounds decided from answers. */
    long adopted() {
        return adopted;
    }

    /** Well-formed answers that were not the vector decided. */
    long wrongAnswers() {
        return wrongAnswers;
    }

    /** Answers dropped unread: for a round no longer asked, or a party's second. */
    long ignoredAnswers() {
        return ignoredAnswers;
    }

    /** P_{@code party} sent a queue message for {@code round}, so it reached that round. */
    void shown(int party, long round) {
        shown[party] = Math.max(shown[party], round);
    }

    /** Whether the undecided round {@code r} should be asked for, with queue messages refused beyond {@code r + window}. */
    boolean shouldAsk(long r, int window) {
        if (asking == r) {
            return false;
        }
        return lastFromAnswers || Arrays.stream(shown).filter(s -> s > r + window).count() > t;
    }

    void ask(long round) {
        asking = round;
        Arrays.fill(answerOf, null);
        vectors.clear();
    }

    boolean asking(long round) {
        return asking == round;
    }

    /** An answer for the round asked, whose vector is well-formed: the vector to decide once t+1 parties answered it, else null. */
    byte[] answer(int from, byte[] vector) {
        if (answerOf[from] != null) {
            ignoredAnswers++;
            return null;
        }
        Digest d = Digest.of(vector);
        answerOf[from] = d;
        vectors.putIfAbsent(d, vector);
        return Arrays.stream(answerOf).filter(d::equals).count() > t ? vectors.get(d) : null;
    }

    /** An answer not for the round asked. */
    void ignored() {
        ignoredAnswers++;
    }

    /** Round {@code round} decided {@code v}, from answers or by this party's agreement: answers held for it are done. */
    void decided(long round, Digest v, boolean fromAnswers) {
        lastFromAnswers = fromAnswers;
        if (fromAnswers) {
            adopted++;
        }
        if (asking != round) {
            return;
        }
        wrongAnswers += Arrays.stream(answerOf).filter(d -> d != null && !d.equals(v)).count();
        asking = -1;
        Arrays.fill(answerOf, null);
        vectors.clear();
    }
}
