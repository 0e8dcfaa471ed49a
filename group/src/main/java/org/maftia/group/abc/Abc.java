package org.maftia.group.abc;

import static org.maftia.group.core.MessageTypes.ABC_QUEUE;

import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.maftia.crypto.MalformedEncodingException;
import org.maftia.crypto.Share;
import org.maftia.crypto.Tag;
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
 * Protocol 7, ABC (spec 5.2.1.6; Cachin, Kursawe, Petzold and Shoup): P_i's instance of atomic
 * broadcast. Rounds: send the head of the queue q, signed, in a queue message; collect n-t signed
 * queue messages into [W, S]; agree on one such vector with VBA validated by Θ_r; deliver the
 * entries of the decided vector not yet delivered, in a deterministic order; next round.
 *
 * <p>As the issue asks, the w of a queue message is a batch: the first entries of q, up to
 * {@link Settings#maxBatch()} entries and {@link Settings#maxBatchBytes()} bytes, so one round
 * orders up to n batches. The items are {@link StreamEntry stream entries}, numbered by their
 * origin, so equal payloads stay distinct messages; d compares entries by digest.
 *
 * <p>S, the "standard signature scheme" of Protocol 7, is each party's share of the (n, n-t, t)
 * signature scheme S of ABBA, on a tag naming the stream, the round and the party: a share is a
 * signature only its holder can make and anyone can check with the group's public key.
 *
 * <p>Departures, to bound memory against Byzantine parties (each documented where it acts):
 * Θ_r also requires every element of W to be signed (an honest proposer only includes signed
 * ones); queue messages more than {@link Settings#roundsAhead()} rounds ahead are refused; the
 * agreements of old rounds are freed {@link Settings#roundsKept()} rounds later; and d remembers
 * an entry for {@link Settings#roundsRemembered()} rounds, so only a Byzantine party replaying an
 * entry older than that could have it delivered twice. A party that falls more than
 * {@code roundsKept} rounds behind the others cannot catch up (the spec has no state transfer).
 */
public final class Abc extends ProtocolInstance implements TotalOrder {

    private static final Logger LOG = LoggerFactory.getLogger(Abc.class);

    /** Where the ordered entries go, on the protocol thread. */
    public interface Output {
        /** The next payload in the total order; false to stall until {@link Abc#resume()} (Protocol 7, line 16). */
        boolean deliver(StreamEntry.Data entry);

        /** t+1 distinct parties' closes were ordered: the stream terminated (spec 3.2). */
        void terminated();
    }

    /** Bounds of one instance. */
    public record Settings(int maxBatch, int maxBatchBytes, int roundsAhead, int roundsKept, int roundsRemembered) {
        public static final Settings DEFAULT = new Settings(512, 1 << 20, 32, 32, 1024);

        public Settings {
            if (maxBatch < 1 || maxBatchBytes < 64 || roundsAhead < 1 || roundsKept < 1 || roundsRemembered < roundsKept) {
                throw new IllegalArgumentException("invalid ABC settings " + this);
            }
        }

        public Settings withMaxBatch(int entries) {
            return new Settings(entries, maxBatchBytes, roundsAhead, roundsKept, roundsRemembered);
        }
    }

    /** What this party knows of one round. */
    private static final class Round {
        final Map<Integer, Signed> received = new HashMap<>();
        /** Digests of (j, batch, signature) already checked, so Θ_r does not check them twice. */
        final Set<Digest> verified = new HashSet<>();
        boolean sent;
        Vba vba;
    }

    private final GroupKeys keys;
    private final Settings settings;
    private final Output output;

    /** q (Protocol 7): entries to broadcast, by digest, in arrival order. */
    private final LinkedHashMap<Digest, byte[]> q = new LinkedHashMap<>();
    /** d: delivered entries and the round that delivered them, expired in delivery order. */
    private final Map<Digest, Long> d = new HashMap<>();
    private final ArrayDeque<Map.Entry<Long, List<Digest>>> deliveredByRound = new ArrayDeque<>();
    private long r;
    private final TreeMap<Long, Round> rounds = new TreeMap<>();
    private final TreeMap<Long, Vba> agreements = new TreeMap<>();
    /** The decided round's entries still to hand over (lines 14-18), and where we are. */
    private List<StreamEntry> pending = List.of();
    private int next;
    private boolean stalled;
    private final BitSet closedBy = new BitSet();
    private boolean terminated;
    private long refusedCloses;

    public Abc(String protocolId, GroupKeys keys, Settings settings, Output output) {
        super(protocolId);
        this.keys = keys;
        this.settings = settings;
        this.output = output;
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

    /** Upon (broadcast, m): append m to q unless delivered or queued. */
    @Override
    public void broadcast(StreamEntry entry) {
        byte[] encoded = entry.encode();
        whenAttached(() -> {
            Digest digest = Digest.of(encoded);
            if (terminated || d.containsKey(digest) || q.containsKey(digest)) {
                return;
            }
            q.put(digest, encoded);
            advance();
        });
    }

    /** This party's close, with its proof of origin: a share of S on (close, stream, i). */
    @Override
    public StreamEntry.Close closeEntry(int self, String groupId) {
        return new StreamEntry.Close(self, keys.abbaMain().sign(closeTag(groupId, self)).encoded());
    }

    /** The application acknowledged: deliver on (line 16). */
    @Override
    public void resume() {
        if (stalled) {
            stalled = false;
            deliverPending();
        }
    }

    /** Frees the instance and every agreement it holds at this site. */
    @Override
    public void release() {
        agreements.values().forEach(Vba::release);
        agreements.clear();
        rounds.clear();
        finish();
    }

    @Override
    protected void onMessage(int from, int type, byte[] body) throws MalformedMessageException {
        if (type != ABC_QUEUE) {
            throw new MalformedMessageException("message type 0x" + Integer.toHexString(type) + " is not an ABC queue message");
        }
        Queue m = Queue.decode(body);
        if (m.round() < r || terminated) {
            return; // a round this party finished
        }
        if (m.round() > r + settings.roundsAhead()) {
            throw new MalformedMessageException("queue message for round " + m.round() + ", more than "
                    + settings.roundsAhead() + " ahead of " + r);
        }
        Round s = rounds.computeIfAbsent(m.round(), k -> new Round());
        if (s.received.containsKey(from)) {
            return;
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
        if (from != ctx.self() && !validSignature(m.round(), signed)) {
            throw new MalformedMessageException("queue message of P" + from + " for round " + m.round() + " with an invalid signature");
        }
        s.verified.add(fingerprint(signed));
        s.received.put(from, signed);
        advance();
    }

    /** The verification stage's part (DESIGN.md): the sender's signature on its queue message (line 9). */
    @Override
    protected void checkAhead(int from, int type, byte[] body) {
        if (type != ABC_QUEUE || from == ctx.self()) {
            return;
        }
        try {
            Queue m = Queue.decode(body);
            validSignature(m.round(), new Signed(from, m.batch(), m.signature()));
        } catch (MalformedMessageException e) {
            // the handler refuses it
        }
    }

    /** Lines 1-11 of the current round, as far as the messages at hand allow. */
    private void advance() {
        if (terminated || stalled || pending.size() > next) {
            return;
        }
        Round s = rounds.computeIfAbsent(r, k -> new Round());
        if (!s.sent) {
            byte[] w = q.isEmpty() ? relayable(s) : headOfQueue();
            if (w == null) {
                return; // line 2: wait
            }
            s.sent = true;
            byte[] sigma = keys.abbaMain().sign(queueTag(r, ctx.self(), w)).encoded();
            ctx.sendAll(ABC_QUEUE, new Queue(r, w, sigma).body());
        }
        if (s.vba == null && s.received.size() >= ctx.n() - ctx.t()) {
            propose(s);
        }
    }

    /** Lines 3-4: the first entries of q, as one batch. */
    private byte[] headOfQueue() {
        List<byte[]> batch = new ArrayList<>();
        int bytes = 0;
        for (byte[] entry : q.values()) {
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
            for (byte[] entry : AbcMessages.decodeBatch(l.batch(), settings.maxBatch())) {
                if (!d.containsKey(Digest.of(entry))) {
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
                v -> onDecided(round, v));
        s.vba = vba;
        agreements.put(round, vba);
        ctx.start(vba);
        vba.propose(AbcMessages.encodeProposal(w));
    }

    /** Θ_r: at least n-t elements, each a batch signed by its party for round r. */
    private boolean theta(long round, Round s, byte[] value) {
        List<Signed> elements;
        try {
            elements = AbcMessages.decodeProposal(value, ctx.n());
            for (Signed e : elements) {
                AbcMessages.decodeBatch(e.batch(), settings.maxBatch());
            }
        } catch (MalformedEncodingException e) {
            return false;
        }
        if (elements.size() < ctx.n() - ctx.t()) {
            return false;
        }
        for (Signed e : elements) {
            Digest f = fingerprint(e);
            if (!s.verified.contains(f)) {
                if (!validSignature(round, e)) {
                    return false;
                }
                s.verified.add(f);
            }
        }
        return true;
    }

    /** Lines 12-18: the union of the decided batches, minus d, in a deterministic order (by party, then position). */
    private void onDecided(long round, byte[] v) {
        if (round != r || terminated) {
            throw new IllegalStateException(protocolId() + ": round " + round + " decided while in round " + r);
        }
        List<StreamEntry> entries = new ArrayList<>();
        List<Digest> delivered = new ArrayList<>();
        for (Signed e : AbcMessages.decodeProposal(v, ctx.n())) {
            for (byte[] encoded : AbcMessages.decodeBatch(e.batch(), settings.maxBatch())) {
                Digest digest = Digest.of(encoded);
                if (d.putIfAbsent(digest, round) != null) {
                    continue;
                }
                delivered.add(digest);
                q.remove(digest);
                try {
                    entries.add(StreamEntry.decode(encoded, ctx.n()));
                } catch (MalformedMessageException malformed) {
                    // A Byzantine party's batch: every honest party skips the same entry.
                    LOG.debug("{}: round {} skips a malformed entry: {}", protocolId(), round, malformed.getMessage());
                }
            }
        }
        deliveredByRound.add(Map.entry(round, delivered));
        pending = entries;
        next = 0;
        deliverPending();
    }

    /** Lines 14-18 and 19, pausing while the application does not acknowledge. */
    private void deliverPending() {
        while (next < pending.size() && !terminated) {
            StreamEntry entry = pending.get(next++);
            switch (entry) {
                case StreamEntry.Close c -> onClose(c);
                case StreamEntry.Data data -> {
                    if (!output.deliver(data)) {
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
        advance();
    }

    /** Spec 3.2: a close counts once per origin with the origin's signature; t+1 terminate the stream. */
    private void onClose(StreamEntry.Close c) {
        if (closedBy.get(c.origin())) {
            return;
        }
        byte[] proof = c.proof();
        boolean valid;
        try {
            valid = keys.abbaMainKey().verifyShare(closeTag(ctx.groupId(), c.origin()), new Share(c.origin(), proof)).isValid();
        } catch (RuntimeException e) {
            valid = false;
        }
        if (!valid) {
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

    /** Line 19, with the bounds: old agreements freed, old rounds and old entries of d forgotten. */
    private void endRound() {
        r++;
        rounds.headMap(r).clear();
        Vba old = agreements.remove(r - 1 - settings.roundsKept());
        if (old != null) {
            old.release();
        }
        Iterator<Map.Entry<Long, List<Digest>>> it = deliveredByRound.iterator();
        while (it.hasNext()) {
            Map.Entry<Long, List<Digest>> e = it.next();
            if (e.getKey() > r - settings.roundsRemembered()) {
                break;
            }
            e.getValue().forEach(d::remove);
            it.remove();
        }
    }

    private boolean validSignature(long round, Signed e) {
        try {
            return keys.abbaMainKey().verifyShare(queueTag(round, e.party(), e.batch()), new Share(e.party(), e.signature()))
                    .isValid();
        } catch (RuntimeException malformed) {
            return false;
        }
    }

    private static Digest fingerprint(Signed e) {
        return Digest.of(ByteBuffer.allocate(4 + e.batch().length + e.signature().length).putInt(e.party())
                .put(e.batch()).put(e.signature()).array());
    }

    /** What P_j signs at line 7: (queue, r, j, w), tagged with the stream and group (convention 6). */
    private byte[] queueTag(long round, int j, byte[] w) {
        return Tag.of("abc-queue", protocolId(), ctx.groupId(), ByteBuffer.allocate(12).putLong(round).putInt(j).array(),
                Digest.of(w).bytes());
    }

    private byte[] closeTag(String groupId, int origin) {
        return Tag.of("abc-close", protocolId(), groupId, ByteBuffer.allocate(4).putInt(origin).array());
    }
}
