package org.maftia.group.abc;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.maftia.crypto.MalformedEncodingException;
import org.maftia.crypto.codec.ByteReader;
import org.maftia.crypto.codec.ByteWriter;
import org.maftia.group.abc.AbcMessages.CatchUpAnswer;
import org.maftia.group.abc.AbcMessages.CatchUpRequest;
import org.maftia.group.abc.AbcMessages.Message;
import org.maftia.group.abc.AbcMessages.Queue;
import org.maftia.group.abc.AbcMessages.Signed;
import org.maftia.group.core.Digest;
import org.maftia.group.core.Envelope;
import org.maftia.group.core.GroupKeys;
import org.maftia.group.core.MalformedMessageException;
import org.maftia.group.core.ProtocolInstance;
import org.maftia.group.stream.StreamEntry;
import org.maftia.group.stream.TotalOrder;
import org.maftia.group.vba.Vba;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Protocol 7, ABC (spec 5.2.1.6): P_i's instance of atomic broadcast, batched, with catch-up for a
 * party left behind. The package's design note gives the protocol as this class runs it, where it
 * departs from the pseudo-code and why, the window of d, and every bound on memory.
 */
public final class Abc extends ProtocolInstance<Message> implements TotalOrder {

    private static final Logger LOG = LoggerFactory.getLogger(Abc.class);

    /** Where the ordered entries go, on the protocol thread. */
    public interface Output {
        /**
         * The next payload in the total order; false to stall until {@link Abc#resume()} (Protocol 7,
         * line 16). {@code mine}: this party's broadcasts of that payload, which leave q with it
         * (line 18) whatever entry carried it, as a corrupted party may order a copy first; most
         * often empty or {@code entry} alone.
         */
        boolean deliver(StreamEntry.Data entry, List<StreamEntry.Data> mine);

        /** This party broadcast a payload still in d: it is not ordered again ("if m ∉ d"). */
        void dropped(StreamEntry.Data mine);

        /** t+1 distinct parties' closes were ordered: the stream terminated (spec 3.2). */
        void terminated();

        /**
         * Every entry of {@code round} was delivered and the next round begins: the point where
         * {@link Abc#resumePoint()} describes this party's state, the same at every honest party.
         */
        default void roundEnded(long round) {
        }
    }

    /**
     * Where a party that lost its state takes up the protocol (resumption, {@code package-info}):
     * the round to run next and d as it was at that round's beginning. Every honest party has the
     * same resume point for the same round; the application transfers it with its own state.
     */
    public record ResumePoint(long round, byte[] delivered) {
        public ResumePoint {
            if (round < 0) {
                throw new IllegalArgumentException("round " + round);
            }
            delivered = delivered.clone();
        }

        @Override
        public byte[] delivered() {
            return delivered.clone();
        }

        /** Where every party begins: round 0, nothing delivered. */
        public static ResumePoint initial() {
            return new ResumePoint(0, new Delivered(1).encode());
        }

        public byte[] encode() {
            return new ByteWriter().u64(round).prefixed(delivered).toByteArray();
        }

        public static ResumePoint decode(byte[] encoded) {
            ByteReader in = new ByteReader(encoded, "ABC resume point");
            ResumePoint p = new ResumePoint(in.u64("round"), in.prefixed("d"));
            in.end();
            return p;
        }
    }

    /**
     * Bounds of one instance (what they cost in memory: {@code package-info}). A batch holds at most
     * {@code maxBatch} entries and {@code maxBatchBytes} bytes of them; queue messages are accepted up
     * to {@code roundsAhead} rounds ahead; agreements are freed {@code roundsKept} rounds after
     * their round; d remembers a payload {@code roundsRemembered} rounds. For catch-up answers, the
     * decided vectors (each at most n batches) of the last {@code decisionsKept} rounds are kept, or
     * of fewer while they exceed {@code decisionBytes} in all, but never of fewer than
     * {@code roundsKept} + 1 rounds, so an agreement is freed before its round's decision is forgotten.
     */
    public record Settings(int maxBatch, int maxBatchBytes, int roundsAhead, int roundsKept, int roundsRemembered,
                           int decisionsKept, int decisionBytes) {
        public static final Settings DEFAULT = new Settings(512, 1 << 20, 8, 8, 1024, 64, 32 << 20);

        public Settings {
            String problem = maxBatch < 1 || maxBatchBytes < 64 ? "maxBatch must be at least 1 and maxBatchBytes at least 64"
                    : roundsAhead < 1 ? "roundsAhead must be at least 1"
                    // A party up to roundsAhead rounds behind still needs the others' agreements of its rounds.
                    : roundsKept < roundsAhead ? "roundsKept must be at least roundsAhead"
                    : roundsRemembered < roundsKept ? "roundsRemembered must be at least roundsKept"
                    : decisionsKept <= roundsKept ? "decisionsKept must be more than roundsKept"
                    : decisionBytes < 1 ? "decisionBytes must be positive" : null;
            if (problem != null) {
                throw new IllegalArgumentException("invalid ABC settings (maxBatch " + maxBatch + ", maxBatchBytes "
                        + maxBatchBytes + ", roundsAhead " + roundsAhead + ", roundsKept " + roundsKept + ", roundsRemembered "
                        + roundsRemembered + ", decisionsKept " + decisionsKept + ", decisionBytes " + decisionBytes + "): "
                        + problem);
            }
        }

        public Settings withMaxBatch(int entries) {
            return new Settings(entries, maxBatchBytes, roundsAhead, roundsKept, roundsRemembered, decisionsKept, decisionBytes);
        }
    }

    /**
     * What an instance holds, in bytes, for monitoring: decided vectors kept for catch-up, queue
     * messages of the rounds under way and ahead, this party's entries in q, and d.
     */
    public record BytesHeld(long decisions, long rounds, long queued, long delivered) {
        public long total() {
            return decisions + rounds + queued + delivered;
        }
    }

    /**
     * Catch-up, for monitoring and tests: as the asking party, rounds decided from answers,
     * well-formed answers that were not the vector decided, and answers dropped unread (late, or a
     * party's second); as an answering party, answers sent, requests dropped (repeated, forgotten,
     * too far ahead), and what it holds: decided vectors and waiting requests.
     */
    public record CatchUpCounters(long roundsAdopted, long wrongAnswers, long ignoredAnswers, long answersSent,
                                  long unansweredRequests, int decisionsHeld, int requestsWaiting) {
    }

    /** Longest signature in an answered vector: an S share is about 100 bytes (VCBC's shares have the same bound). */
    private static final int MAX_SIGNATURE = 4096;

    /** An entry of q: the first of this party's broadcasts of its content, encoded, and all of them. */
    private record Queued(byte[] encoded, List<StreamEntry.Data> mine) {
    }

    /** An entry of the decided round not in d, with this party's broadcasts of its content. */
    private record Ordered(StreamEntry entry, List<StreamEntry.Data> mine) {
    }

    /** What this party knows of one round. */
    private static final class Round {
        final Map<Integer, Signed> received = new HashMap<>();
        /** Digests of (j, batch, signature) already checked, so Θ_r does not check them twice. */
        final Set<Digest> verified = new HashSet<>();
        /** This party's queue message of the round (lines 7-8), once sent. */
        Queue own;
        Vba vba;
    }

    private final GroupKeys keys;
    private final QueueSignatures signatures;
    private final Settings settings;
    private final Output output;

    /** q (Protocol 7): entries to broadcast, by content, in arrival order. */
    private final LinkedHashMap<Digest, Queued> q = new LinkedHashMap<>();
    private Delivered d;
    private final boolean resumed;
    private long r;
    private final TreeMap<Long, Round> rounds = new TreeMap<>();
    private final TreeMap<Long, Vba> agreements = new TreeMap<>();
    /** The decided round's entries still to hand over (lines 14-18), and where we are. */
    private List<Ordered> pending = List.of();
    private int next;
    private boolean stalled;
    private final BitSet closedBy = new BitSet();
    private boolean terminated;
    private long refusedCloses;
    private Decisions decisions;
    private CatchUp catchUp;

    public Abc(String protocolId, GroupKeys keys, Settings settings, Output output) {
        super(protocolId);
        this.keys = keys;
        this.signatures = new QueueSignatures(keys, protocolId);
        this.settings = settings;
        this.output = output;
        this.d = new Delivered(settings.roundsRemembered());
        this.resumed = false;
    }

    /**
     * The instance of a party that lost its state and took over {@code at} from the others (with
     * its application's state of the same point): it begins in that round with that d, and asks
     * for the round's decision at once (resumption, {@code package-info}).
     *
     * @throws MalformedEncodingException if {@code at} does not hold a d
     */
    public Abc(String protocolId, GroupKeys keys, Settings settings, Output output, ResumePoint at) {
        super(protocolId);
        this.keys = keys;
        this.signatures = new QueueSignatures(keys, protocolId);
        this.settings = settings;
        this.output = output;
        this.d = Delivered.decode(at.delivered(), settings.roundsRemembered());
        this.r = at.round();
        this.d.roundBegins(r);
        this.resumed = true;
    }

    /**
     * Leaves the rounds this party is in for a later resume point, as a party that lost its state
     * resumes (resumption, {@code package-info}): for a party left so far behind that the others no
     * longer hold the decisions it lacks, once its application took the state of that point. Its
     * agreements end; entries of q that {@code at}'s d holds were delivered and leave q.
     *
     * @throws IllegalArgumentException if {@code at} is not beyond the current round
     * @throws MalformedEncodingException if {@code at} does not hold a d
     */
    public void jumpTo(ResumePoint at) {
        if (at.round() <= r) {
            throw new IllegalArgumentException("resume point of round " + at.round() + " is not beyond round " + r);
        }
        Delivered taken = Delivered.decode(at.delivered(), settings.roundsRemembered());
        agreements.values().forEach(Vba::finish);
        agreements.clear();
        rounds.clear();
        pending = List.of();
        next = 0;
        stalled = false;
        d = taken;
        r = at.round();
        d.roundBegins(r);
        for (var it = q.entrySet().iterator(); it.hasNext(); ) {
            var e = it.next();
            if (d.contains(e.getKey())) {
                e.getValue().mine().forEach(output::dropped);
                it.remove();
            }
        }
        ask(r);
        advance();
    }

    /** This party's resume point now; meaningful between rounds, as in {@link Output#roundEnded}. */
    public ResumePoint resumePoint() {
        return new ResumePoint(r, d.encode());
    }

    /** The current round. */
    public long round() {
        return r;
    }

    public boolean terminated() {
        return terminated;
    }

    /** Entries waiting in q. */
    public int queued() {
        return q.size();
    }

    /** Closes refused because their proof was not their origin's signature. */
    public long refusedCloses() {
        return refusedCloses;
    }

    /** Catch-up counters, once the instance is attached to its site. */
    public CatchUpCounters catchUpCounters() {
        return new CatchUpCounters(catchUp.adopted(), catchUp.wrongAnswers(), catchUp.ignoredAnswers(),
                decisions.answers(), decisions.unanswered(), decisions.size(), decisions.waiting());
    }

    /** What this instance holds in bytes, once attached, on the protocol thread; its agreements' state is theirs. */
    public BytesHeld bytesHeld() {
        long rounds = 0;
        for (Round s : this.rounds.values()) {
            for (Signed e : s.received.values()) {
                rounds += e.batch().length + e.signature().length;
            }
        }
        long queued = 0;
        for (Queued e : q.values()) {
            queued += e.encoded().length;
        }
        return new BytesHeld(decisions.bytes(), rounds, queued, d.bytes());
    }

    /** Rounds this party holds state for (queue messages received, its agreement): the current one and up to roundsAhead more. */
    public int roundsHeld() {
        return rounds.size();
    }

    /** Agreements not freed yet: at most the last roundsKept rounds' and the current one's. */
    public int agreementsHeld() {
        return agreements.size();
    }

    /**
     * Upon (broadcast, m): append m to q unless delivered or queued. A payload queued already is
     * delivered once for both broadcasts; one still in d is not ordered again.
     */
    @Override
    public void broadcast(StreamEntry entry) {
        byte[] encoded = entry.encode();
        whenAttached(() -> {
            if (terminated) {
                return;
            }
            Digest m = Delivered.contentOf(entry);
            List<StreamEntry.Data> mine = entry instanceof StreamEntry.Data data ? List.of(data) : List.of();
            if (d.contains(m)) {
                mine.forEach(output::dropped);
                return;
            }
            Queued queued = q.get(m);
            if (queued != null) {
                queued.mine().addAll(mine);
                return;
            }
            q.put(m, new Queued(encoded, new ArrayList<>(mine)));
            advance();
        });
    }

    /** This party's close, with its proof of origin: a share of S on (close, stream, i). */
    @Override
    public StreamEntry.Close closeEntry(int self, String groupId) {
        return new StreamEntry.Close(self, signatures.signClose(groupId, self));
    }

    /** The application acknowledged: deliver on (line 16). */
    @Override
    public void resume() {
        if (stalled) {
            stalled = false;
            deliverPending();
        }
    }

    /** Its agreements ended with it (its sub-protocols); the rounds it held go too. */
    @Override
    protected void onEnd() {
        agreements.clear();
        rounds.clear();
    }

    @Override
    protected void onStart() {
        decisions = new Decisions(ctx.n(), settings.decisionsKept(), settings.roundsKept() + 1, settings.decisionBytes());
        catchUp = new CatchUp(ctx.n(), ctx.t());
        if (resumed) {
            ask(r);
        }
    }

    @Override
    protected Message decode(int type, byte[] body) throws MalformedMessageException {
        return AbcMessages.decode(type, body);
    }

    @Override
    protected void onMessage(int from, Message message) throws MalformedMessageException {
        switch (message) {
            case Queue m -> onQueue(from, m);
            case CatchUpRequest m -> onCatchUpRequest(from, m.round());
            case CatchUpAnswer m -> onCatchUpAnswer(from, m);
        }
    }

    /** Lines 2 and 9: a queue message of P_j. */
    private void onQueue(int from, Queue m) throws MalformedMessageException {
        if (m.round() < r || terminated) {
            return; // a round this party finished
        }
        if (m.round() > r + settings.roundsAhead()) {
            catchUp.refused(from, m.round());
            considerCatchUp();
            throw new MalformedMessageException("queue message for round " + m.round() + ", more than "
                    + settings.roundsAhead() + " ahead of " + r);
        }
        Round s = rounds.computeIfAbsent(m.round(), k -> new Round());
        if (s.received.containsKey(from)) {
            return;
        }
        if (m.round() > r) {
            catchUp.ahead(from, m.round());
        }
        if (m.batch().length > settings.maxBatchBytes() + 4 * (settings.maxBatch() + 1)) {
            throw new MalformedMessageException("batch of " + m.batch().length + " bytes from P" + from);
        }
        try {
            AbcMessages.decodeBatch(m.batch(), settings.maxBatch());
        } catch (MalformedEncodingException e) {
            throw new MalformedMessageException(e.getMessage());
        }
        Signed signed = new Signed(from, m.batch(), m.signature());
        if (from != ctx.self() && !signatures.validQueue(ctx.groupId(), m.round(), signed)) {
            throw new MalformedMessageException("queue message of P" + from + " for round " + m.round() + " with an invalid signature");
        }
        s.verified.add(QueueSignatures.fingerprint(signed));
        s.received.put(from, signed);
        advance();
        considerCatchUp();
    }

    /** The verification stage's part (docs/architecture.md): the sender's signature on its queue message (line 9). */
    @Override
    protected void check(int from, Message message) {
        if (message instanceof Queue m && from != ctx.self()) {
            signatures.validQueue(ctx.groupId(), m.round(), new Signed(from, m.batch(), m.signature()));
        }
    }

    /** Lines 1-11 of the current round, as far as the messages at hand allow. */
    private void advance() {
        if (terminated || stalled || pending.size() > next) {
            return;
        }
        Round s = rounds.computeIfAbsent(r, k -> new Round());
        if (s.own == null) {
            byte[] w = q.isEmpty() ? relayable(s) : headOfQueue();
            if (w == null) {
                return; // line 2: wait
            }
            byte[] sigma = signatures.signQueue(ctx.groupId(), r, ctx.self(), w);
            s.own = new Queue(r, w, sigma);
            ctx.sendAll(s.own);
        }
        if (s.vba == null && s.received.size() >= ctx.n() - ctx.t()) {
            propose(s);
        }
    }

    /** Lines 3-4: the first entries of q, as one batch. */
    private byte[] headOfQueue() {
        List<byte[]> batch = new ArrayList<>();
        int bytes = 0;
        for (Queued queued : q.values()) {
            byte[] entry = queued.encoded();
            if (batch.size() == settings.maxBatch() || (!batch.isEmpty() && bytes + entry.length > settings.maxBatchBytes())) {
                break;
            }
            batch.add(entry);
            bytes += entry.length;
        }
        return AbcMessages.encodeBatch(batch);
    }

    /** Lines 2 and 6: with q empty, a received batch of this round that holds an undelivered entry. */
    private byte[] relayable(Round s) {
        for (Signed l : s.received.values()) {
            for (byte[] encoded : AbcMessages.decodeBatch(l.batch(), settings.maxBatch())) {
                StreamEntry entry = entryOrNull(encoded);
                if (entry != null && !d.contains(Delivered.contentOf(entry))) {
                    return l.batch();
                }
            }
        }
        return null;
    }

    /** Lines 10-12: propose [W, S] for validated agreement tagged r with predicate Θ_r. */
    private void propose(Round s) {
        long round = r;
        List<Signed> w = new ArrayList<>(new TreeMap<>(s.received).values());
        Vba vba = new Vba(Envelope.tagged(protocolId(), "vba|" + round), keys, value -> theta(round, s, value),
                v -> onAgreed(round, v));
        s.vba = vba;
        agreements.put(round, vba);
        ctx.start(vba);
        vba.propose(AbcMessages.encodeProposal(w));
    }

    /** Θ_r: at least n-t elements, each a batch signed by its party for round r. */
    private boolean theta(long round, Round s, byte[] value) {
        List<Signed> elements = vector(value);
        if (elements == null) {
            return false;
        }
        for (Signed e : elements) {
            Digest f = QueueSignatures.fingerprint(e);
            if (!s.verified.contains(f)) {
                if (!signatures.validQueue(ctx.groupId(), round, e)) {
                    return false;
                }
                s.verified.add(f);
            }
        }
        return true;
    }

    /** The elements of a vector [W, S]: at least n-t well-formed batches; null if it is not one. */
    private List<Signed> vector(byte[] value) {
        try {
            List<Signed> elements = AbcMessages.decodeProposal(value, ctx.n());
            for (Signed e : elements) {
                AbcMessages.decodeBatch(e.batch(), settings.maxBatch());
            }
            return elements.size() >= ctx.n() - ctx.t() ? elements : null;
        } catch (MalformedEncodingException e) {
            return null;
        }
    }

    /** Line 12: the agreement of {@code round} decided, unless t+1 answers decided the round first (the same V, by agreement). */
    private void onAgreed(long round, byte[] v) {
        if (!decisions.contains(round)) {
            decide(round, v, false);
        }
    }

    /**
     * Catch-up: ask the others for round r's V when {@link CatchUp} says so, and r is not decided
     * yet. Once per round; an answering party keeps the request until it can answer.
     */
    private void considerCatchUp() {
        Round current = rounds.get(r);
        boolean agreementStarted = current != null && current.vba != null;
        if (terminated || decisions.contains(r) || !catchUp.shouldAsk(r, agreementStarted)) {
            return;
        }
        ask(r);
    }

    private void ask(long round) {
        catchUp.ask(round);
        CatchUpRequest request = new CatchUpRequest(round);
        for (int k = 0; k < ctx.n(); k++) {
            if (k != ctx.self()) {
                ctx.send(k, request);
            }
        }
    }

    /**
     * Catch-up: P_j asks for a round's V; answered now if decided here, when decided if just
     * ahead, once. P_j, in the round it asks for, also gets this party's queue message of the round
     * under way here again, once, as soon as that round is within P_j's window: P_j refused it while
     * further behind, no one sends it again unasked, and P_j's part in the round may be needed (with
     * t parties silent, the others need every honest one). Waiting for P_j to reach the round and
     * ask would not do: P_j asks only while t+1 parties' messages for its round were refused, and
     * the others' may have arrived within its window.
     */
    private void onCatchUpRequest(int from, long round) {
        long undecided = decisions.contains(r) ? r + 1 : r;
        byte[] v = decisions.request(from, round, undecided, settings.roundsAhead());
        if (v != null) {
            CatchUpAnswer answer = new CatchUpAnswer(round, v);
            ctx.send(from, answer);
        }
        Round s = rounds.get(undecided);
        if (round <= undecided && undecided <= round + settings.roundsAhead() && s != null && s.own != null
                && decisions.resendQueue(from, undecided)) {
            ctx.send(from, s.own);
        }
    }

    /** Catch-up: P_j answered a round's V; decided when t+1 parties answered the same well-formed V. */
    private void onCatchUpAnswer(int from, CatchUpAnswer m) throws MalformedMessageException {
        if (!catchUp.asking(m.round())) {
            if (m.round() > r) {
                throw new MalformedMessageException("catch-up answer of P" + from + " for round " + m.round()
                        + ", never asked (round " + r + ")");
            }
            catchUp.ignored(); // late: decided already
            return;
        }
        long bound = 2 + (long) ctx.n() * (10 + settings.maxBatchBytes() + 4L * (settings.maxBatch() + 1) + MAX_SIGNATURE);
        if (m.decided().length > bound || vector(m.decided()) == null) {
            throw new MalformedMessageException("catch-up answer of P" + from + " for round " + m.round()
                    + " is not a vector of n-t batches");
        }
        byte[] v = catchUp.answer(from, m.decided());
        if (v != null) {
            decide(r, v, true);
        }
    }

    /**
     * Lines 12-18: the union of the decided batches, minus d, in a deterministic order (by party,
     * then position); V came from this party's agreement or from t+1 catch-up answers. Requests
     * waiting for the round are answered.
     */
    private void decide(long round, byte[] v, boolean fromAnswers) {
        if (round != r || terminated || decisions.contains(round)) {
            throw new IllegalStateException(protocolId() + ": round " + round + " decided while in round " + r);
        }
        for (int j : decisions.record(round, v)) {
            CatchUpAnswer answer = new CatchUpAnswer(round, v);
            ctx.send(j, answer);
        }
        catchUp.decided(round, Digest.of(v), fromAnswers);
        List<Ordered> entries = new ArrayList<>();
        for (Signed e : AbcMessages.decodeProposal(v, ctx.n())) {
            for (byte[] encoded : AbcMessages.decodeBatch(e.batch(), settings.maxBatch())) {
                StreamEntry entry = entryOrNull(encoded);
                if (entry == null) {
                    // A Byzantine party's batch: every honest party skips the same entry.
                    LOG.debug("{}: round {} skips a malformed entry", protocolId(), round);
                    continue;
                }
                Digest m = Delivered.contentOf(entry);
                if (d.add(m, round)) {
                    Queued mine = q.remove(m);
                    entries.add(new Ordered(entry, mine == null ? List.of() : mine.mine()));
                }
            }
        }
        pending = entries;
        next = 0;
        deliverPending();
    }

    /** Lines 14-18 and 19, pausing while the application does not acknowledge. */
    private void deliverPending() {
        while (next < pending.size() && !terminated) {
            Ordered ordered = pending.get(next++);
            switch (ordered.entry()) {
                case StreamEntry.Close c -> onClose(c);
                case StreamEntry.Data data -> {
                    if (!output.deliver(data, ordered.mine())) {
                        stalled = true;
                        return;
                    }
                }
            }
        }
        if (terminated) {
            return;
        }
        pending = List.of();
        endRound();
        output.roundEnded(r - 1);
        advance();
        considerCatchUp();
    }

    /** Spec 3.2: a close counts once per origin with the origin's signature; t+1 terminate the stream. */
    private void onClose(StreamEntry.Close c) {
        if (closedBy.get(c.origin())) {
            return;
        }
        if (!signatures.validClose(ctx.groupId(), c.origin(), c.proof())) {
            refusedCloses++;
            return;
        }
        closedBy.set(c.origin());
        if (closedBy.cardinality() > ctx.t()) {
            terminated = true;
            q.clear();
            output.terminated();
        }
    }

    /** Line 19, with the bounds: old agreements freed, old rounds and old contents of d forgotten. */
    private void endRound() {
        r++;
        rounds.headMap(r).clear();
        Vba old = agreements.remove(r - 1 - settings.roundsKept());
        if (old != null) {
            old.finish();
        }
        d.roundBegins(r);
    }

    /** The entry {@code encoded} is, or null if it is not one: a Byzantine party's, skipped alike by every honest party. */
    private StreamEntry entryOrNull(byte[] encoded) {
        try {
            return StreamEntry.decode(encoded, ctx.n());
        } catch (MalformedMessageException malformed) {
            return null;
        }
    }
}
