package org.maftia.group.abba;

import static org.maftia.group.abba.AbbaMessage.ABSTAIN;

import java.util.BitSet;
import java.util.List;
import java.util.function.Consumer;
import org.maftia.crypto.Share;
import org.maftia.crypto.ThresholdCoin;
import org.maftia.group.abba.AbbaMessage.Coin;
import org.maftia.group.abba.AbbaMessage.MainVote;
import org.maftia.group.abba.AbbaMessage.MainVoteJustification;
import org.maftia.group.abba.AbbaMessage.MainVoteJustification.Conflict;
import org.maftia.group.abba.AbbaMessage.MainVoteJustification.Unanimous;
import org.maftia.group.abba.AbbaMessage.PreProcess;
import org.maftia.group.abba.AbbaMessage.PreVote;
import org.maftia.group.abba.AbbaMessage.PreVoteJustification;
import org.maftia.group.abba.AbbaMessage.PreVoteJustification.Hard;
import org.maftia.group.abba.AbbaMessage.PreVoteJustification.Soft;
import org.maftia.group.abba.Rounds.Round;
import org.maftia.group.core.GroupKeys;
import org.maftia.group.core.MalformedMessageException;
import org.maftia.group.core.ProtocolInstance;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The rounds of Protocol 3, ABBA (spec 5.2.1.1, lines 4-25; Cachin, Kursawe and Shoup), with the
 * (n, n-t, t) signature scheme S and the (n, n-t, t) coin: pre-vote, main-vote, check for
 * decision, coin. How round 1's pre-vote is justified is the variant's: {@link Abba} runs the
 * pre-processing of lines 1-3 with the scheme S', {@link ValidatedAbba} takes external proofs and
 * may fix the first coin (spec 5.2.1.2). See {@code package-info.java} for the guarantees.
 *
 * <p>Every message counts only once its signature share and its justification verified (a
 * message that does not is refused with a {@link MalformedMessageException}); a soft pre-vote,
 * and an abstaining main-vote that carries one, counts only once the coin it names is known and
 * agrees. Each party gets one message per (type, round); rounds more than
 * {@link #DEFAULT_MAX_ROUNDS_AHEAD} ahead of this party are refused, rounds older than the
 * previous one are dropped.
 */
public abstract sealed class AbbaRounds extends ProtocolInstance<AbbaMessage> permits Abba, ValidatedAbba {

    /**
     * How many rounds ahead of its own a party keeps messages. A justified message of round r
     * proves that n-2t honest parties reached round r-1, so only honest progress fills this
     * window; an honest party this far behind the others is improbable (each round ends the
     * protocol with probability at least 1/2), and one that is still decides if the others wait.
     */
    public static final int DEFAULT_MAX_ROUNDS_AHEAD = 32;

    private static final Logger LOG = LoggerFactory.getLogger(AbbaRounds.class);

    final GroupKeys keys;
    private final Consumer<Boolean> decide;
    private final Rounds rounds;

    /** V_i, once proposed. */
    private Boolean input;
    private Boolean decision;
    private int decisionRound;
    private boolean done;

    /** {@code firstCoin} is F(1) when it is given (spec 5.2.1.2, bias), null when it is tossed. */
    AbbaRounds(String protocolId, GroupKeys keys, int maxRoundsAhead, Boolean firstCoin, Consumer<Boolean> decide) {
        super(protocolId);
        this.rounds = new Rounds(maxRoundsAhead, firstCoin);
        this.keys = keys;
        this.decide = decide;
    }

    /** The round this party is in. */
    public int round() {
        return rounds.number();
    }

    /** The decision, or null before it. */
    public Boolean decision() {
        return decision;
    }

    /** The round of the decision, 0 before it. */
    public int decisionRound() {
        return decisionRound;
    }

    /** True once this party decided and took part in the round after (Protocol 3, line 21). */
    public boolean done() {
        return done;
    }

    /** Soft pre-votes (or abstentions carrying one) refused once the coin they name was known. */
    public long refusedSoftVotes() {
        return rounds.refusedSoftVotes();
    }

    /** Line 3 (pre-processing), or a refusal where there is none. */
    abstract void onPreProcess(int from, PreProcess p) throws MalformedMessageException;

    /** Lines 6-7 and 10-12 for r = 1: pre-votes, with {@link #preVote}, if this party can yet; true if it did. */
    abstract boolean preVoteInRoundOne();

    /** Whether a round-1 justification (S'-signature or external proof) justifies a pre-vote for b. */
    abstract boolean roundOneJustifies(boolean b, PreVoteJustification j);

    /** The verification stage's share of {@link #onPreProcess}; by default none. */
    void checkPreProcess(PreProcess p) {
    }

    /** The verification stage's share of {@link #roundOneJustifies}; by default none. */
    void checkRoundOne(boolean b, PreVoteJustification j) {
    }

    /** A justification of a counted pre-vote or abstention, for a variant that keeps what it carries. */
    void justificationSeen(boolean b, PreVoteJustification j) {
    }

    /** Line 21, before the decision is given out: the variant's last word on it. */
    void deciding(int v) {
    }

    /** Starts with V_i = {@code value}: the rounds begin once round 1 can be pre-voted. */
    final void start(boolean value) {
        if (input != null) {
            throw new IllegalStateException("P" + ctx.self() + " already proposed in " + protocolId());
        }
        input = value;
    }

    /** V_i. */
    final boolean input() {
        return input;
    }

    @Override
    protected final AbbaMessage decode(int type, byte[] body) throws MalformedMessageException {
        return AbbaMessage.decode(type, body, ctx.n());
    }

    @Override
    protected final void onMessage(int from, AbbaMessage message) throws MalformedMessageException {
        if (done) {
            return;
        }
        switch (message) {
            case PreProcess p -> onPreProcess(from, p);
            case PreVote v -> onPreVote(from, v);
            case MainVote v -> onMainVote(from, v);
            case Coin c -> onCoin(from, c);
        }
        advance();
    }

    /**
     * The verification stage's part (docs/architecture.md): the shares and threshold signatures of a message,
     * checked as its handler below will check them; round 1's justifications are the variant's.
     */
    @Override
    protected final void check(int from, AbbaMessage message) {
        switch (message) {
            case PreProcess p -> checkPreProcess(p);
            case PreVote v -> {
                keys.abbaMainKey().verifyShare(preVoteTag(v.r(), v.b()), v.share());
                checkJustification(v.r(), v.b(), v.justification());
            }
            case MainVote v -> {
                keys.abbaMainKey().verifyShare(mainVoteTag(v.r(), v.v()), v.share());
                switch (v.justification()) {
                    case Unanimous u -> keys.abbaMainKey().verify(preVoteTag(v.r(), v.v() == 1), u.signature());
                    case Conflict c -> {
                        checkJustification(v.r(), false, c.forZero());
                        checkJustification(v.r(), true, c.forOne());
                    }
                }
            }
            case Coin c -> keys.coinKey().verifyShare(coinTag(c.r()), c.share());
        }
    }

    private void checkJustification(int r, boolean b, PreVoteJustification j) {
        if (j instanceof Hard || j instanceof Soft) {
            signatureValid(r, b, j);
        } else {
            checkRoundOne(b, j);
        }
    }

    /** Line 14: a round-r pre-vote counts with a valid S-share on (pre-vote, r, b) and a valid justification. */
    private void onPreVote(int from, PreVote v) throws MalformedMessageException {
        Round s = rounds.of(v.r());
        if (s == null) {
            return;
        }
        once(s.preVoteFrom, from, "round-" + v.r() + " pre-vote");
        checkShare(from, v.share(), keys.abbaMainKey().verifyShare(preVoteTag(v.r(), v.b()), v.share()).isValid());
        if (!signatureValid(v.r(), v.b(), v.justification())) {
            throw new MalformedMessageException("round-" + v.r() + " pre-vote of P" + from + " with an invalid justification");
        }
        justificationSeen(v.b(), v.justification());
        s.preVotes.add(v);
    }

    /** Line 19: a round-r main-vote counts with a valid S-share on (main-vote, r, v) and a valid justification. */
    private void onMainVote(int from, MainVote v) throws MalformedMessageException {
        Round s = rounds.of(v.r());
        if (s == null) {
            return;
        }
        once(s.mainVoteFrom, from, "round-" + v.r() + " main-vote");
        checkShare(from, v.share(), keys.abbaMainKey().verifyShare(mainVoteTag(v.r(), v.v()), v.share()).isValid());
        boolean justified = switch (v.justification()) {
            case Unanimous u -> keys.abbaMainKey().verify(preVoteTag(v.r(), v.v() == 1), u.signature());
            case Conflict c -> signatureValid(v.r(), false, c.forZero()) && signatureValid(v.r(), true, c.forOne());
        };
        if (!justified) {
            throw new MalformedMessageException("round-" + v.r() + " main-vote of P" + from + " with an invalid justification");
        }
        if (v.justification() instanceof Conflict c) {
            justificationSeen(false, c.forZero());
            justificationSeen(true, c.forOne());
        }
        s.mainVotes.add(v);
    }

    /** Line 25: n-t valid coin shares tagged r reveal F(r). */
    private void onCoin(int from, Coin c) throws MalformedMessageException {
        Round s = rounds.of(c.r());
        if (s == null) {
            return;
        }
        once(s.coinFrom, from, "round-" + c.r() + " coin share");
        if (s.coin != null) {
            return;
        }
        checkShare(from, c.share(), keys.coinKey().verifyShare(coinTag(c.r()), c.share()).isValid());
        s.coinShares.add(c.share());
        if (s.coinShares.size() == ctx.n() - ctx.t()) {
            s.coin = ThresholdCoin.bit(keys.coinKey().combine(coinTag(c.r()), s.coinShares, true));
            s.coinShares.clear();
            LOG.debug("P{} {}: coin of round {} is {}", ctx.self(), protocolId(), c.r(), s.coin ? 1 : 0);
        }
    }

    /** Runs the protocol's steps as far as the messages at hand allow. */
    final void advance() {
        while (input != null && !done && step()) {
            // each step moved this party forward; try the next
        }
    }

    private boolean step() {
        Round s = rounds.current();
        if (!s.preVoted) {
            return rounds.number() == 1 ? preVoteInRoundOne() : preVoteFromMainVotes();
        }
        if (!s.mainVoted) {
            return mainVote(s);
        }
        return checkForDecision(s);
    }

    /**
     * Lines 8-12 (r > 1): from the n-t main votes of round r-1, pre-vote b hard if one of them is
     * for b (its justification signs (pre-vote, r-1, b)), else F(r-1) soft, with the n-t
     * S-shares on (main-vote, r-1, abstain) combined.
     */
    private boolean preVoteFromMainVotes() {
        Round previous = rounds.previous();
        for (MainVote m : previous.collectedMainVotes) {
            if (m.justification() instanceof Unanimous u) {
                preVote(m.v() == 1, new Hard(u.signature()));
                return true;
            }
        }
        if (previous.coin == null) {
            return false;
        }
        List<Share> shares = previous.collectedMainVotes.stream().map(MainVote::share).toList();
        byte[] signature = keys.abbaMainKey().combine(mainVoteTag(rounds.number() - 1, ABSTAIN), shares, true);
        preVote(previous.coin, new Soft(signature));
        return true;
    }

    /** Lines 10-12: the current round's pre-vote for b with its justification and S-share. */
    final void preVote(boolean b, PreVoteJustification justification) {
        int r = rounds.number();
        rounds.current().preVoted = true;
        rounds.forgetOld();
        send(new PreVote(r, b, justification, keys.abbaMain().sign(preVoteTag(r, b))));
    }

    /**
     * Lines 13-17: with n-t properly justified pre-votes, main-vote b if all are for b (their
     * S-shares combined justify it), else abstain with a justification for 0 and one for 1.
     * A party that decided in the previous round stops here (line 21).
     */
    private boolean mainVote(Round s) {
        List<PreVote> collected = rounds.justifiedPreVotes();
        if (collected.size() < ctx.n() - ctx.t()) {
            return false;
        }
        collected = collected.subList(0, ctx.n() - ctx.t());
        int r = rounds.number();
        PreVote first = collected.getFirst();
        PreVote other = collected.stream().filter(p -> p.b() != first.b()).findFirst().orElse(null);
        int v;
        MainVoteJustification justification;
        if (other == null) {
            v = first.b() ? 1 : 0;
            List<Share> shares = collected.stream().map(PreVote::share).toList();
            justification = new Unanimous(keys.abbaMainKey().combine(preVoteTag(r, first.b()), shares, true));
        } else {
            v = ABSTAIN;
            PreVote zero = first.b() ? other : first;
            PreVote one = first.b() ? first : other;
            justification = new Conflict(zero.justification(), one.justification());
        }
        s.mainVoted = true;
        send(new MainVote(r, v, justification, keys.abbaMain().sign(mainVoteTag(r, v))));
        if (decision != null && r == decisionRound + 1) {
            done = true;
            rounds.clear();
            LOG.debug("P{} {}: took part in round {} after deciding; finished", ctx.self(), protocolId(), r);
            finish();
        }
        return true;
    }

    /**
     * Lines 18-25: with n-t properly justified main-votes, decide b if all are for b; release the
     * coin share of this round (unless the coin is given) either way and go on to the next round.
     */
    private boolean checkForDecision(Round s) {
        List<MainVote> collected = rounds.justifiedMainVotes();
        if (collected.size() < ctx.n() - ctx.t()) {
            return false;
        }
        int r = rounds.number();
        s.collectedMainVotes = List.copyOf(collected.subList(0, ctx.n() - ctx.t()));
        int v = s.collectedMainVotes.getFirst().v();
        if (v != ABSTAIN && decision == null && s.collectedMainVotes.stream().allMatch(m -> m.v() == v)) {
            decision = v == 1;
            decisionRound = r;
            deciding(v);
            LOG.debug("P{} {}: decided {} in round {}", ctx.self(), protocolId(), v, r);
            decide.accept(decision);
        }
        s.mainVotes.clear();
        s.preVotes.clear();
        if (!rounds.coinGiven(r)) {
            send(new Coin(r, keys.coin().share(coinTag(r))));
        }
        rounds.next();
        return true;
    }

    /** The justification's threshold signature (the coin of a soft one is checked when it counts). */
    private boolean signatureValid(int r, boolean b, PreVoteJustification j) {
        return switch (j) {
            case Hard h -> keys.abbaMainKey().verify(preVoteTag(r - 1, b), h.signature());
            case Soft f -> keys.abbaMainKey().verify(mainVoteTag(r - 1, ABSTAIN), f.signature());
            default -> roundOneJustifies(b, j);
        };
    }

    /** One message per party, type and round. */
    static void once(BitSet seen, int from, String what) throws MalformedMessageException {
        if (seen.get(from)) {
            throw new MalformedMessageException("a second " + what + " from P" + from);
        }
        seen.set(from);
    }

    static void checkShare(int from, Share share, boolean valid) throws MalformedMessageException {
        if (share.index() != from || !valid) {
            throw new MalformedMessageException("invalid share " + share + " from P" + from);
        }
    }

    final void send(AbbaMessage m) {
        ctx.sendAll(m);
    }

    final byte[] preProcessTag(boolean b) {
        return AbbaTags.preProcess(protocolId(), ctx.groupId(), b);
    }

    private byte[] preVoteTag(int r, boolean b) {
        return AbbaTags.preVote(protocolId(), ctx.groupId(), r, b);
    }

    private byte[] mainVoteTag(int r, int v) {
        return AbbaTags.mainVote(protocolId(), ctx.groupId(), r, v);
    }

    private byte[] coinTag(int r) {
        return AbbaTags.coin(protocolId(), ctx.groupId(), r);
    }
}
