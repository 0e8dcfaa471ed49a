package org.maftia.group.abba;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.TreeMap;
import org.maftia.crypto.Share;
import org.maftia.group.abba.AbbaMessage.MainVote;
import org.maftia.group.abba.AbbaMessage.MainVoteJustification.Conflict;
import org.maftia.group.abba.AbbaMessage.PreVote;
import org.maftia.group.abba.AbbaMessage.PreVoteJustification;
import org.maftia.group.abba.AbbaMessage.PreVoteJustification.Soft;
import org.maftia.group.core.MalformedMessageException;

/**
 * The rounds of Protocol 3 one party keeps: its own round r, the one before (line 9 reads its
 * main-votes and its coin) and those up to {@code maxAhead} ahead, whose messages wait; older
 * rounds are dropped. Also which collected votes count now: a soft pre-vote for b of round r, and
 * an abstention that carries one, is properly justified only once F(r-1) is known and equals b.
 */
final class Rounds {

    /** One round's votes, in the order they arrived, and this party's progress in it. */
    static final class Round {
        final BitSet preVoteFrom = new BitSet();
        final BitSet mainVoteFrom = new BitSet();
        final BitSet coinFrom = new BitSet();
        final List<PreVote> preVotes = new ArrayList<>();
        final List<MainVote> mainVotes = new ArrayList<>();
        final List<Share> coinShares = new ArrayList<>();
        /** F(r), once n-t coin shares combined (or given, for round 1 of biased ABBA). */
        Boolean coin;
        boolean preVoted;
        boolean mainVoted;
        /** The n-t main votes collected at line 19, which also feed line 9 of the next round. */
        List<MainVote> collectedMainVotes;
    }

    private final TreeMap<Integer, Round> kept = new TreeMap<>();
    private final int maxAhead;
    /** F(1) when it is given rather than tossed (spec 5.2.1.2, bias), else null. */
    private final Boolean firstCoin;
    private int r = 1;
    private long refusedSoftVotes;

    Rounds(int maxAhead, Boolean firstCoin) {
        if (maxAhead < 1) {
            throw new IllegalArgumentException("maxRoundsAhead must be at least 1, not " + maxAhead);
        }
        this.maxAhead = maxAhead;
        this.firstCoin = firstCoin;
    }

    /** r, this party's round. */
    int number() {
        return r;
    }

    Round current() {
        return kept.computeIfAbsent(r, this::fresh);
    }

    /** Round r-1, or null in round 1. */
    Round previous() {
        return kept.get(r - 1);
    }

    /** True if round {@code round}'s coin is given, so no share of it is released (spec 5.2.1.2). */
    boolean coinGiven(int round) {
        return round == 1 && firstCoin != null;
    }

    /**
     * Round {@code round}'s state if it is kept, null for one already behind.
     *
     * @throws MalformedMessageException for a round more than {@code maxAhead} ahead
     */
    Round of(int round) throws MalformedMessageException {
        if (round < r - 1) {
            return null;
        }
        if (round > r + maxAhead) {
            throw new MalformedMessageException("round " + round + " is more than " + maxAhead + " rounds ahead of " + r);
        }
        return kept.computeIfAbsent(round, this::fresh);
    }

    /** Line 4: on to round r+1. */
    void next() {
        r++;
    }

    /** Drops the rounds before r-1: line 9 was the last use of round r-2's coin. */
    void forgetOld() {
        kept.headMap(r - 1).clear();
    }

    void clear() {
        kept.clear();
    }

    /** The current round's pre-votes that count now (line 14). */
    List<PreVote> justifiedPreVotes() {
        Round s = current();
        s.preVotes.removeIf(p -> softDisagrees(p.b(), p.justification()));
        return s.preVotes.stream().filter(p -> softKnown(p.justification())).toList();
    }

    /** The current round's main-votes that count now (line 19). */
    List<MainVote> justifiedMainVotes() {
        Round s = current();
        s.mainVotes.removeIf(m -> m.justification() instanceof Conflict c
                && (softDisagrees(false, c.forZero()) || softDisagrees(true, c.forOne())));
        return s.mainVotes.stream().filter(m -> !(m.justification() instanceof Conflict c)
                || softKnown(c.forZero()) && softKnown(c.forOne())).toList();
    }

    /** Soft pre-votes (or abstentions carrying one) refused once the coin they name was known. */
    long refusedSoftVotes() {
        return refusedSoftVotes;
    }

    private boolean softDisagrees(boolean b, PreVoteJustification j) {
        if (j instanceof Soft) {
            Boolean coin = previousCoin();
            if (coin != null && coin != b) {
                refusedSoftVotes++;
                return true;
            }
        }
        return false;
    }

    private boolean softKnown(PreVoteJustification j) {
        return !(j instanceof Soft) || previousCoin() != null;
    }

    private Boolean previousCoin() {
        Round previous = previous();
        return previous == null ? null : previous.coin;
    }

    private Round fresh(int round) {
        Round fresh = new Round();
        if (coinGiven(round)) {
            fresh.coin = firstCoin;
        }
        return fresh;
    }
}
