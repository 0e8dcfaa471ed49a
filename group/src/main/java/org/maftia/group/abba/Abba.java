package org.maftia.group.abba;

import static org.maftia.group.abba.AbbaMessage.ABSTAIN;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.TreeMap;
import java.util.function.BiPredicate;
import java.util.function.Consumer;
import org.maftia.crypto.Share;
import org.maftia.crypto.Tag;
import org.maftia.crypto.ThresholdCoin;
import org.maftia.group.abba.AbbaMessage.Coin;
import org.maftia.group.abba.AbbaMessage.MainVote;
import org.maftia.group.abba.AbbaMessage.MainVoteJustification.Conflict;
import org.maftia.group.abba.AbbaMessage.MainVoteJustification.Unanimous;
import org.maftia.group.abba.AbbaMessage.PreProcess;
import org.maftia.group.abba.AbbaMessage.PreVote;
import org.maftia.group.abba.AbbaMessage.PreVoteJustification;
import org.maftia.group.abba.AbbaMessage.PreVoteJustification.External;
import org.maftia.group.abba.AbbaMessage.PreVoteJustification.Hard;
import org.maftia.group.abba.AbbaMessage.PreVoteJustification.Initial;
import org.maftia.group.abba.AbbaMessage.PreVoteJustification.Soft;
import org.maftia.group.core.GroupKeys;
import org.maftia.group.core.MalformedMessageException;
import org.maftia.group.core.ProtocolInstance;
import org.maftia.group.core.WireLimits;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Protocol 3, ABBA (spec 5.2.1.1; Cachin, Kursawe and Shoup): P_i's instance of randomized binary
 * Byzantine agreement with an (n, n-t, t) signature scheme S, an (n, t+1, t) scheme S' and an
 * (n, n-t, t) coin. See {@code package-info.java} for the guarantees and the messages.
 *
 * <p>Every message counts only once its signature share and its justification verified (a
 * message that does not is refused with a {@link MalformedMessageException}); a soft pre-vote,
 * and an abstaining main-vote that carries one, counts only once the coin it names is known and
 * agrees. Each party gets one message per (type, round); rounds more than
 * {@link #DEFAULT_MAX_ROUNDS_AHEAD} ahead of this party are refused, rounds older than the
 * previous one are dropped.
 */
public final class Abba extends ProtocolInstance {

    /**
     * How many rounds ahead of its own a party keeps messages. A justified message of round r
     * proves that n-2t honest parties reached round r-1, so only honest progress fills this
     * window; an honest party this far behind the others is improbable (each round ends the
     * protocol with probability at least 1/2), and one that is still decides if the others wait.
     */
    public static final int DEFAULT_MAX_ROUNDS_AHEAD = 32;

    private static final Logger LOG = LoggerFactory.getLogger(Abba.class);

    /**
     * The validated variant of spec 5.2.1.2: round-1 pre-votes are justified by external proofs
     * that {@code validator} accepts (it gets the value and the proof), and, with a non-null
     * {@code bias}, the coin of round 1 is that value instead of a toss.
     */
    public record Validation(BiPredicate<Boolean, byte[]> validator, Boolean bias) {
        public Validation {
            if (validator == null) {
                throw new IllegalArgumentException("a validated ABBA needs a validator");
            }
        }
    }

    /** One round's votes, in the order they arrived, and this party's progress in it. */
    private static final class Round {
        final BitSet preVoteFrom = new BitSet();
        final BitSet mainVoteFrom = new BitSet();
        final BitSet coinFrom = new BitSet();
        final List<PreVote> preVotes = new ArrayList<>();
        final List<MainVote> mainVotes = new ArrayList<>();
        final List<Share> coinShares = new ArrayList<>();
        /** F(r), once n-t coin shares combined. */
        Boolean coin;
        boolean preVoted;
        boolean mainVoted;
        /** The n-t main votes collected at line 19, which also feed line 9 of the next round. */
        List<MainVote> collectedMainVotes;
    }

    private final GroupKeys keys;
    private final Consumer<Boolean> decide;
    private final int maxRoundsAhead;

    private Boolean input;
    private final BitSet preProcessFrom = new BitSet();
    private List<PreProcess> preProcesses = new ArrayList<>();
    private int round = 1;
    private final TreeMap<Integer, Round> rounds = new TreeMap<>();
    private Boolean decision;
    private int decisionRound;
    private boolean done;
    private long refusedSoftVotes;

    /** Null for plain Protocol 3; the external predicate and bias of spec 5.2.1.2 otherwise. */
    private final Validation validation;
    /** External proofs seen valid, for 0 and for 1 (spec 5.2.1.2): the decision's proof is one of them. */
    private final byte[][] proofs = new byte[2][];
    private byte[] decisionProof;
    private long refusedProofs;

    /** The instance {@code protocolId} with this site's {@code keys}; {@code decide} gets the decision once. */
    public Abba(String protocolId, GroupKeys keys, Consumer<Boolean> decide) {
        this(protocolId, keys, DEFAULT_MAX_ROUNDS_AHEAD, decide);
    }

    public Abba(String protocolId, GroupKeys keys, int maxRoundsAhead, Consumer<Boolean> decide) {
        this(protocolId, keys, maxRoundsAhead, null, decide);
    }

    /**
     * Validated ABBA (spec 5.2.1.2) with {@code validation}'s external predicate and bias;
     * {@code decide} gets the decision once, and {@link #decisionProof()} is then its proof.
     */
    public static Abba validated(String protocolId, GroupKeys keys, Validation validation, Consumer<Boolean> decide) {
        if (validation == null) {
            throw new IllegalArgumentException("a validated ABBA needs a Validation");
        }
        return new Abba(protocolId, keys, DEFAULT_MAX_ROUNDS_AHEAD, validation, decide);
    }

    private Abba(String protocolId, GroupKeys keys, int maxRoundsAhead, Validation validation, Consumer<Boolean> decide) {
        super(protocolId);
        this.validation = validation;
        if (maxRoundsAhead < 1) {
            throw new IllegalArgumentException("maxRoundsAhead must be at least 1, not " + maxRoundsAhead);
        }
        this.keys = keys;
        this.decide = decide;
        this.maxRoundsAhead = maxRoundsAhead;
    }

    /** The round this party is in. */
    public int round() {
        return round;
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
        return refusedSoftVotes;
    }

    /** Pre-votes refused because their external proof did not validate (spec 5.2.1.2). */
    public long refusedProofs() {
        return refusedProofs;
    }

    /** The external proof of the decided value (validated variant, spec 5.2.1.2), or null before it. */
    public byte[] decisionProof() {
        return decisionProof == null ? null : decisionProof.clone();
    }

    /** Protocol 3, lines 1-2: start with the initial value V_i. */
    public void propose(boolean value) {
        if (validation != null) {
            throw new IllegalStateException("a validated ABBA needs a proof: propose(value, proof)");
        }
        whenAttached(() -> {
            if (input != null) {
                throw new IllegalStateException("P" + ctx.self() + " already proposed in " + protocolId());
            }
            input = value;
            send(new PreProcess(value, keys.abbaPre().sign(preProcessTag(value))));
            advance();
        });
    }

    /**
     * Spec 5.2.1.2: start validated ABBA with V_i and its external proof. Pre-processing (lines
     * 1-3) is skipped: it only serves to build the round-1 justification, which the proof replaces,
     * so round 1 pre-votes V_i justified by the proof.
     */
    public void propose(boolean value, byte[] proof) {
        if (validation == null) {
            throw new IllegalStateException("a plain ABBA takes no proof: propose(value)");
        }
        if (proof == null || !validProof(value, proof)) {
            throw new IllegalArgumentException("the proof does not validate the proposed value " + (value ? 1 : 0));
        }
        int maxProof = WireLimits.proofBytes(keys.abbaMainKey().parameters().n());
        if (proof.length > maxProof) {
            // Every party's abstention may carry it (spec 5.2.1.1): it must leave room in a frame.
            throw new IllegalArgumentException("a proof of " + proof.length + " bytes, over the limit of " + maxProof);
        }
        byte[] own = proof.clone();
        whenAttached(() -> {
            if (input != null) {
                throw new IllegalStateException("P" + ctx.self() + " already proposed in " + protocolId());
            }
            input = value;
            preProcesses = null;
            seenProof(value, own);
            advance();
        });
    }

    @Override
    protected void onMessage(int from, int type, byte[] body) throws MalformedMessageException {
        if (done) {
            return;
        }
        switch (AbbaMessage.decode(type, body, ctx.n())) {
            case PreProcess p -> onPreProcess(from, p);
            case PreVote v -> onPreVote(from, v);
            case MainVote v -> onMainVote(from, v);
            case Coin c -> onCoin(from, c);
        }
        advance();
    }

    /**
     * The verification stage's part (DESIGN.md): the shares and threshold signatures of a message,
     * checked as its handler below will check them. External proofs are left to the handler, as
     * the application's validator need not be thread-safe.
     */
    @Override
    protected void checkAhead(int from, int type, byte[] body) {
        AbbaMessage message;
        try {
            message = AbbaMessage.decode(type, body, ctx.n());
        } catch (MalformedMessageException e) {
            return;
        }
        switch (message) {
            case PreProcess p -> keys.abbaPreKey().verifyShare(preProcessTag(p.b()), p.share());
            case PreVote v -> {
                keys.abbaMainKey().verifyShare(preVoteTag(v.r(), v.b()), v.share());
                justificationAhead(v.r(), v.b(), v.justification());
            }
            case MainVote v -> {
                keys.abbaMainKey().verifyShare(mainVoteTag(v.r(), v.v()), v.share());
                switch (v.justification()) {
                    case Unanimous u -> keys.abbaMainKey().verify(preVoteTag(v.r(), v.v() == 1), u.signature());
                    case Conflict c -> {
                        justificationAhead(v.r(), false, c.forZero());
                        justificationAhead(v.r(), true, c.forOne());
                    }
                }
            }
            case Coin c -> keys.coinKey().verifyShare(coinTag(c.r()), c.share());
        }
    }

    private void justificationAhead(int r, boolean b, PreVoteJustification j) {
        if (!(j instanceof External)) {
            signatureValid(r, b, j);
        }
    }

    /** Line 3: a proper pre-processing message carries a valid S'-share on (pre-process, b). */
    private void onPreProcess(int from, PreProcess p) throws MalformedMessageException {
        if (validation != null) {
            throw new MalformedMessageException("a pre-process message from P" + from + " in validated ABBA, which has none");
        }
        once(preProcessFrom, from, "pre-process");
        if (preProcesses == null) {
            return; // line 3 is behind this party: the first 2t+1 were enough
        }
        checkShare(from, p.share(), keys.abbaPreKey().verifyShare(preProcessTag(p.b()), p.share()).isValid());
        preProcesses.add(p);
    }

    /** Line 14: a round-r pre-vote counts with a valid S-share on (pre-vote, r, b) and a valid justification. */
    private void onPreVote(int from, PreVote v) throws MalformedMessageException {
        Round s = roundOf(v.r());
        if (s == null) {
            return;
        }
        once(s.preVoteFrom, from, "round-" + v.r() + " pre-vote");
        checkShare(from, v.share(), keys.abbaMainKey().verifyShare(preVoteTag(v.r(), v.b()), v.share()).isValid());
        if (!signatureValid(v.r(), v.b(), v.justification())) {
            throw new MalformedMessageException("round-" + v.r() + " pre-vote of P" + from + " with an invalid justification");
        }
        harvest(v.b(), v.justification());
        s.preVotes.add(v);
    }

    /** Line 19: a round-r main-vote counts with a valid S-share on (main-vote, r, v) and a valid justification. */
    private void onMainVote(int from, MainVote v) throws MalformedMessageException {
        Round s = roundOf(v.r());
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
            // Spec 5.2.1.2: a round-1 abstention shows the validations for 0 and for 1 to all.
            harvest(false, c.forZero());
            harvest(true, c.forOne());
        }
        s.mainVotes.add(v);
    }

    /** Line 25: n-t valid coin shares tagged r reveal F(r). */
    private void onCoin(int from, Coin c) throws MalformedMessageException {
        Round s = roundOf(c.r());
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
    private void advance() {
        while (input != null && !done && step()) {
            // each step moved this party forward; try the next
        }
    }

    private boolean step() {
        Round s = current();
        if (!s.preVoted) {
            if (round > 1) {
                return preVoteFromMainVotes(s);
            }
            return validation == null ? preVoteFromPreProcessing(s) : preVoteWithProof(s);
        }
        if (!s.mainVoted) {
            return mainVote(s);
        }
        return checkForDecision(s);
    }

    /**
     * Lines 3, 6-7, 10-12 (r = 1): with 2t+1 proper pre-processing votes, pre-vote their simple
     * majority b, justified by t+1 S'-shares on (pre-process, b) combined.
     */
    private boolean preVoteFromPreProcessing(Round s) {
        if (preProcesses.size() < 2 * ctx.t() + 1) {
            return false;
        }
        List<PreProcess> collected = preProcesses.subList(0, 2 * ctx.t() + 1);
        long ones = collected.stream().filter(PreProcess::b).count();
        boolean b = ones >= ctx.t() + 1;
        List<Share> shares = collected.stream().filter(p -> p.b() == b).map(PreProcess::share).toList();
        byte[] signature = keys.abbaPreKey().combine(preProcessTag(b), shares, true);
        preProcesses = null;
        preVote(s, b, new Initial(signature));
        return true;
    }

    /** Spec 5.2.1.2, lines 6-7 replaced: round 1 pre-votes V_i, justified by the proof submitted with it. */
    private boolean preVoteWithProof(Round s) {
        preVote(s, input, new External(proofs[input ? 1 : 0]));
        return true;
    }

    /**
     * Lines 8-12 (r > 1): from the n-t main votes of round r-1, pre-vote b hard if one of them is
     * for b (its justification signs (pre-vote, r-1, b)), else F(r-1) soft, with the n-t
     * S-shares on (main-vote, r-1, abstain) combined.
     */
    private boolean preVoteFromMainVotes(Round s) {
        Round previous = rounds.get(round - 1);
        for (MainVote m : previous.collectedMainVotes) {
            if (m.justification() instanceof Unanimous u) {
                preVote(s, m.v() == 1, new Hard(u.signature()));
                return true;
            }
        }
        if (previous.coin == null) {
            return false;
        }
        List<Share> shares = previous.collectedMainVotes.stream().map(MainVote::share).toList();
        byte[] signature = keys.abbaMainKey().combine(mainVoteTag(round - 1, ABSTAIN), shares, true);
        preVote(s, previous.coin, new Soft(signature));
        return true;
    }

    private void preVote(Round s, boolean b, PreVoteJustification justification) {
        s.preVoted = true;
        rounds.headMap(round - 1).clear(); // line 9 was the last use of round r-2's coin
        send(new PreVote(round, b, justification, keys.abbaMain().sign(preVoteTag(round, b))));
    }

    /**
     * Lines 13-17: with n-t properly justified pre-votes, main-vote b if all are for b (their
     * S-shares combined justify it), else abstain with a justification for 0 and one for 1.
     * A party that decided in the previous round stops here (line 21).
     */
    private boolean mainVote(Round s) {
        List<PreVote> collected = justifiedPreVotes(s);
        if (collected.size() < ctx.n() - ctx.t()) {
            return false;
        }
        collected = collected.subList(0, ctx.n() - ctx.t());
        PreVote first = collected.getFirst();
        PreVote other = collected.stream().filter(p -> p.b() != first.b()).findFirst().orElse(null);
        int v;
        AbbaMessage.MainVoteJustification justification;
        if (other == null) {
            v = first.b() ? 1 : 0;
            List<Share> shares = collected.stream().map(PreVote::share).toList();
            justification = new Unanimous(keys.abbaMainKey().combine(preVoteTag(round, first.b()), shares, true));
        } else {
            v = ABSTAIN;
            PreVote zero = first.b() ? other : first;
            PreVote one = first.b() ? first : other;
            justification = new Conflict(zero.justification(), one.justification());
        }
        s.mainVoted = true;
        send(new MainVote(round, v, justification, keys.abbaMain().sign(mainVoteTag(round, v))));
        if (decision != null && round == decisionRound + 1) {
            done = true;
            rounds.clear();
            LOG.debug("P{} {}: took part in round {} after deciding; finished", ctx.self(), protocolId(), round);
            finish();
        }
        return true;
    }

    /**
     * Lines 18-25: with n-t properly justified main-votes, decide b if all are for b; release the
     * coin share of this round either way and go on to the next round.
     */
    private boolean checkForDecision(Round s) {
        List<MainVote> collected = justifiedMainVotes(s);
        if (collected.size() < ctx.n() - ctx.t()) {
            return false;
        }
        s.collectedMainVotes = List.copyOf(collected.subList(0, ctx.n() - ctx.t()));
        int v = s.collectedMainVotes.getFirst().v();
        if (v != ABSTAIN && decision == null && s.collectedMainVotes.stream().allMatch(m -> m.v() == v)) {
            decision = v == 1;
            decisionRound = round;
            if (validation != null) {
                // Spec 5.2.1.2: a decision in round 1 follows n-t pre-votes for b, one of which this
                // party collected at line 14; a later one follows a round-1 abstention this party
                // collected at line 19, which carries proofs for both values.
                decisionProof = proofs[v];
                if (decisionProof == null) {
                    throw new IllegalStateException("P" + ctx.self() + " decided " + v + " in " + protocolId() + " without a proof for it");
                }
            }
            LOG.debug("P{} {}: decided {} in round {}", ctx.self(), protocolId(), v, round);
            decide.accept(decision);
        }
        s.mainVotes.clear();
        s.preVotes.clear();
        if (!(round == 1 && biased())) {
            send(new Coin(round, keys.coin().share(coinTag(round))));
        }
        round++;
        return true;
    }

    /** The round's pre-votes that count now: soft ones only once F(r-1) is known and agrees. */
    private List<PreVote> justifiedPreVotes(Round s) {
        s.preVotes.removeIf(p -> softDisagrees(p.b(), p.justification()));
        return s.preVotes.stream().filter(p -> softKnown(p.justification())).toList();
    }

    private List<MainVote> justifiedMainVotes(Round s) {
        s.mainVotes.removeIf(m -> m.justification() instanceof Conflict c
                && (softDisagrees(false, c.forZero()) || softDisagrees(true, c.forOne())));
        return s.mainVotes.stream().filter(m -> !(m.justification() instanceof Conflict c)
                || softKnown(c.forZero()) && softKnown(c.forOne())).toList();
    }

    /** A soft pre-vote for b of the current round is properly justified only if b = F(r-1). */
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
        Round previous = rounds.get(round - 1);
        return previous == null ? null : previous.coin;
    }

    /** The justification's threshold signature (the coin of a soft one is checked when it counts). */
    private boolean signatureValid(int r, boolean b, PreVoteJustification j) {
        return switch (j) {
            case Initial i -> validation == null && keys.abbaPreKey().verify(preProcessTag(b), i.signature());
            case Hard h -> keys.abbaMainKey().verify(preVoteTag(r - 1, b), h.signature());
            case Soft f -> keys.abbaMainKey().verify(mainVoteTag(r - 1, ABSTAIN), f.signature());
            case External e -> validation != null && countedProof(b, e.signature());
        };
    }

    /** Spec 5.2.1.2: an external proof is tested by the validator; a refused one is counted. */
    private boolean countedProof(boolean b, byte[] proof) {
        if (validProof(b, proof)) {
            return true;
        }
        refusedProofs++;
        return false;
    }

    private boolean validProof(boolean b, byte[] proof) {
        try {
            return validation.validator().test(b, proof.clone());
        } catch (RuntimeException e) {
            LOG.debug("validator of {} threw on a proof for {}: {}", protocolId(), b ? 1 : 0, e.toString());
            return false;
        }
    }

    /** Keeps the first valid external proof seen for b (the justification was checked). */
    private void harvest(boolean b, PreVoteJustification j) {
        if (j instanceof External e) {
            seenProof(b, e.signature());
        }
    }

    private void seenProof(boolean b, byte[] proof) {
        if (proofs[b ? 1 : 0] == null) {
            proofs[b ? 1 : 0] = proof;
        }
    }

    private boolean biased() {
        return validation != null && validation.bias() != null;
    }

    /** A new round's state; with a bias, round 1's coin is the bias, never tossed (spec 5.2.1.2). */
    private Round newRound(int r) {
        Round fresh = new Round();
        if (r == 1 && biased()) {
            fresh.coin = validation.bias();
        }
        return fresh;
    }

    /** Round r's state if r is in the window kept, null for a round already behind. */
    private Round roundOf(int r) throws MalformedMessageException {
        if (r < round - 1) {
            return null;
        }
        if (r > round + maxRoundsAhead) {
            throw new MalformedMessageException("round " + r + " is more than " + maxRoundsAhead + " rounds ahead of " + round);
        }
        return rounds.computeIfAbsent(r, this::newRound);
    }

    private Round current() {
        return rounds.computeIfAbsent(round, this::newRound);
    }

    private static void once(BitSet seen, int from, String what) throws MalformedMessageException {
        if (seen.get(from)) {
            throw new MalformedMessageException("a second " + what + " from P" + from);
        }
        seen.set(from);
    }

    private static void checkShare(int from, Share share, boolean valid) throws MalformedMessageException {
        if (share.index() != from || !valid) {
            throw new MalformedMessageException("invalid share " + share + " from P" + from);
        }
    }

    private void send(AbbaMessage m) {
        ctx.sendAll(m.type(), m.body());
    }

    private byte[] preProcessTag(boolean b) {
        return preProcessTag(protocolId(), ctx.groupId(), b);
    }

    private byte[] preVoteTag(int r, boolean b) {
        return preVoteTag(protocolId(), ctx.groupId(), r, b);
    }

    private byte[] mainVoteTag(int r, int v) {
        return mainVoteTag(protocolId(), ctx.groupId(), r, v);
    }

    private byte[] coinTag(int r) {
        return coinTag(protocolId(), ctx.groupId(), r);
    }

    /** Tagged inputs (spec 5.2.1, convention 6): what S' signs at line 2. */
    static byte[] preProcessTag(String protocolId, String groupId, boolean b) {
        return Tag.of("abba-pre-process", protocolId, groupId, new byte[] {(byte) (b ? 1 : 0)});
    }

    /** What S signs at line 10. */
    static byte[] preVoteTag(String protocolId, String groupId, int r, boolean b) {
        return Tag.of("abba-pre-vote", protocolId, groupId, int4(r), new byte[] {(byte) (b ? 1 : 0)});
    }

    /** What S signs at line 15 (v = 2 for abstain). */
    static byte[] mainVoteTag(String protocolId, String groupId, int r, int v) {
        return Tag.of("abba-main-vote", protocolId, groupId, int4(r), new byte[] {(byte) v});
    }

    /** The coin's name at line 23. */
    static byte[] coinTag(String protocolId, String groupId, int r) {
        return Tag.of("abba-coin", protocolId, groupId, int4(r));
    }

    private static byte[] int4(int r) {
        return ByteBuffer.allocate(4).putInt(r).array();
    }
}
