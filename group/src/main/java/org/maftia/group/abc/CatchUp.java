package org.maftia.group.abc;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.maftia.group.core.Digest;

/**
 * The asking side of catch-up, an addition to Protocol 7 (see {@link Abc}): when to ask for the
 * decision of the current round, and which answered vector to take.
 *
 * <p>When: for round r, while t+1 distinct parties sent queue messages for round r or later
 * that this party refused as beyond its window. No one sends those again unasked, so its own
 * agreement of r may never start; at least one of the t+1 is honest and reached that round, so
 * round r is decided, or being decided, by the honest parties. Nothing is refused while a party
 * keeps up, so it never asks then.
 *
 * <p>What: a vector answered by t+1 distinct parties, compared by digest. One of them is honest,
 * and an honest party answers the V its agreement decided (or that t+1 parties answered it), the
 * same at every honest party by VBA's agreement. Bounded: the last round refused per party, and
 * for the one round asked, one answer per party (at most n distinct vectors).
 */
final class CatchUp {

    private final int t;
    /** Per party, the highest round of its queue messages refused as beyond the window; -1 before. */
    private final long[] refused;
    /** Per party, the highest round of its queue messages taken ahead of this party's round; -1 before. */
    private final long[] aheadSeen;
    /** The round asked for, -1 when not asking. */
    private long asking = -1;
    /** Per party, the digest of its answer for {@link #asking}, null before. */
    private final Digest[] answerOf;
    private final Map<Digest, byte[]> vectors = new HashMap<>();
    private long adopted;
    private long wrongAnswers;
    private long ignoredAnswers;

    CatchUp(int n, int t) {
        this.t = t;
        refused = new long[n];
        aheadSeen = new long[n];
        answerOf = new Digest[n];
        Arrays.fill(refused, -1);
        Arrays.fill(aheadSeen, -1);
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

    /** A queue message of P_{@code party} for {@code round} was refused as beyond the window: P_party reached that round. */
    void refused(int party, long round) {
        refused[party] = Math.max(refused[party], round);
    }

    /** A queue message of P_{@code party} for {@code round}, ahead of this party's round but within its window, was taken. */
    void ahead(int party, long round) {
        aheadSeen[party] = Math.max(aheadSeen[party], round);
    }

    /**
     * Whether the undecided round {@code r}, not asked yet, should be asked for: t+1 parties' queue
     * messages for r or later were refused; or this party's agreement of r has not started while
     * t+1 parties sent queue messages of later rounds (they decided r; the queue messages of r
     * that this party lacks were sent before it could take them, as for a party that resumed).
     */
    boolean shouldAsk(long r, boolean agreementStarted) {
        if (asking == r) {
            return false;
        }
        if (Arrays.stream(refused).filter(x -> x >= r).count() > t) {
            return true;
        }
        long past = 0;
        for (int p = 0; p < refused.length; p++) {
            if (refused[p] > r || aheadSeen[p] > r) {
                past++;
            }
        }
        return !agreementStarted && past > t;
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
