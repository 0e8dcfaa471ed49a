package org.maftia.group.vba;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.BitSet;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.maftia.group.abba.ValidatedAbba;
import org.maftia.group.core.Digest;
import org.maftia.group.core.Envelope;
import org.maftia.group.core.GroupKeys;
import org.maftia.group.core.MalformedMessageException;
import org.maftia.group.core.ProtocolInstance;
import org.maftia.group.vcbc.Vcbc;

/**
 * Protocol 4, VBA (spec 5.2.1.3): P_i's instance of validated multi-valued Byzantine agreement.
 * Every party proposes a value w satisfying the external predicate Q; all honest parties decide
 * the same value, and it satisfies Q. The package's design note gives the sub-protocols, the
 * compact closings that stand for Protocol 4's ρ, and why its properties still hold.
 */
public final class Vba extends ProtocolInstance<VbaVote> {

    private final GroupKeys keys;
    private final Predicate<byte[]> q;
    private final Consumer<byte[]> decide;

    private Vcbc[] broadcasts;
    /** w_j of lines 2-3: P_j's consistently delivered proposal (it satisfies Q: its VCBC signs only such). */
    private byte[][] w;
    /** ρ of lines 10 and 15 for P_a: a compact closing of vcbc|a known valid (delivered, or the first valid one seen). */
    private byte[][] closings;
    private int proposals;
    private int[] pi;
    private boolean proposed;
    /** l of lines 4-6; 0 until the loop starts. */
    private int l;
    /** Votes looked at, per candidate: one per party (line 13, "from distinct P_j"); a refused one is spent. */
    private BitSet[] heard;
    private BitSet[] votedFor;
    private BitSet[] votedOne;
    private ValidatedAbba[] agreements;
    /** The candidate whose ABBA decided 1 (line 20), -1 before. */
    private int chosen = -1;
    private byte[] decision;
    private long refusedClosings;

    /** The instance {@code protocolId}; {@code q} is the external predicate; {@code decide} gets the decision, once. */
    public Vba(String protocolId, GroupKeys keys, Predicate<byte[]> q, Consumer<byte[]> decide) {
        super(protocolId);
        this.keys = keys;
        this.q = q;
        this.decide = decide;
    }

    /** The decided value, or null before the decision. */
    public byte[] decision() {
        return decision == null ? null : decision.clone();
    }

    /** Compact closings refused as invalid, in 1-votes and in the external proofs of the agreements. */
    public long refusedClosings() {
        return refusedClosings;
    }

    /** The number of candidates tried so far (1 when the first one is decided). */
    public int candidatesTried() {
        return l;
    }

    @Override
    protected void onStart() {
        int n = ctx.n();
        w = new byte[n][];
        closings = new byte[n][];
        heard = new BitSet[n];
        votedFor = new BitSet[n];
        votedOne = new BitSet[n];
        agreements = new ValidatedAbba[n];
        broadcasts = new Vcbc[n];
        pi = permutation(protocolId(), n);
        for (int j = 0; j < n; j++) {
            int sender = j;
            heard[j] = new BitSet();
            votedFor[j] = new BitSet();
            votedOne[j] = new BitSet();
            broadcasts[j] = new Vcbc(vcbcId(j), j, keys.vcbc(), Vcbc.DEFAULT_MAX_PAYLOAD, true, q,
                    m -> onProposal(sender, m));
            ctx.start(broadcasts[j]);
        }
    }

    /**
     * Upon (propose, w), line 1: verifiably consistently broadcast w.
     *
     * @throws IllegalArgumentException if w does not satisfy Q
     */
    public void propose(byte[] value) {
        if (!q.test(value)) {
            throw new IllegalArgumentException("the proposal does not satisfy the external predicate of " + protocolId());
        }
        byte[] own = value.clone();
        whenAttached(() -> {
            if (proposed) {
                throw new IllegalStateException("P" + ctx.self() + " already proposed in " + protocolId());
            }
            proposed = true;
            broadcasts[ctx.self()].broadcast(own);
            advance();
        });
    }

    /** Line 3: P_j's proposal is consistently delivered (once), so it satisfies Q. */
    private void onProposal(int j, byte[] m) {
        w[j] = m;
        closings[j] = broadcasts[j].compactClosing().orElseThrow();
        proposals++;
        advance();
    }

    @Override
    protected VbaVote decode(int type, byte[] body) throws MalformedMessageException {
        return VbaVote.decode(type, body, ctx.n());
    }

    /** Lines 12-13: a vote for P_a from P_from counts once; a 1-vote only with a valid compact closing. */
    @Override
    protected void onMessage(int from, VbaVote vote) throws MalformedMessageException {
        int a = vote.candidate();
        if (heard[a].get(from)) {
            return;
        }
        heard[a].set(from);
        if (vote.u() && w[a] == null && !validClosing(a, vote.rho())) {
            // Line 13: a 1-vote counts only if V_a holds: its compact closing is valid.
            throw new MalformedMessageException("1-vote of P" + from + " for P" + a + " without a valid compact closing");
        }
        votedFor[a].set(from);
        if (vote.u()) {
            votedOne[a].set(from);
        }
        advance();
    }

    /** Runs the loop of lines 4-20, and lines 21-23, as far as the messages at hand allow. */
    private void advance() {
        if (decision != null || !proposed) {
            return;
        }
        if (chosen >= 0) {
            output();
            return;
        }
        if (l == 0) {
            if (proposals < ctx.n() - ctx.t()) {
                return; // line 3
            }
            nextCandidate();
        }
        int a = pi[l - 1];
        if (agreements[a] == null && votedFor[a].cardinality() >= ctx.n() - ctx.t()) {
            proposeOn(a);
        }
    }

    /** Lines 6-11: the next candidate P_a, voted 1 with its compact closing if its proposal is here. */
    private void nextCandidate() {
        if (l == ctx.n()) {
            throw new IllegalStateException(protocolId() + ": every candidate was decided 0, which Protocol 4 rules out"
                    + " with n > 3t honest-majority keys");
        }
        l++;
        int a = pi[l - 1];
        VbaVote vote = w[a] == null ? new VbaVote(a, false, new byte[0]) : new VbaVote(a, true, closings[a]);
        ctx.sendAll(vote);
    }

    /** Lines 12-18: with n-t votes, 1 validated by a compact closing if any 1-vote counted, else 0 with ρ = ⊥. */
    private void proposeOn(int a) {
        ValidatedAbba abba = new ValidatedAbba(Envelope.tagged(protocolId(), "abba|" + a), keys,
                new ValidatedAbba.Validation((b, rho) -> b ? validClosing(a, rho) : rho.length == 0, Boolean.TRUE),
                b -> onDecided(a, b));
        agreements[a] = abba;
        ctx.start(abba);
        if (abba.decision() != null) {
            return; // decided from the messages that waited for it: nothing left to propose
        }
        if (!votedOne[a].isEmpty()) {
            abba.propose(true, closings[a]);
        } else {
            abba.propose(false, new byte[0]);
        }
    }

    /**
     * Lines 19-22: 0 tries the next candidate; 1 ends the loop, and if P_a's proposal is not here,
     * σ completes its broadcast, fetching the payload if need be.
     */
    private void onDecided(int a, boolean b) {
        if (!b) {
            nextCandidate();
            advance();
            return;
        }
        chosen = a;
        if (w[a] == null) {
            broadcasts[a].deliverCompactClosing(agreements[a].decisionProof());
        }
        advance();
    }

    /** Lines 23-24: output w_a once it is here (at once, or when the fetch delivers it). */
    private void output() {
        if (w[chosen] != null) {
            decision = w[chosen];
            decide.accept(decision.clone());
        }
    }

    /**
     * V_a for 1 (Protocol 4, with compact closings): ρ is a valid compact closing of P_a's broadcast,
     * whose payload satisfies Q (see the class comment). The first one found valid is kept, so the
     * copies of it that votes and pre-votes carry are not verified again.
     */
    private boolean validClosing(int a, byte[] rho) {
        if (closings[a] != null && Arrays.equals(closings[a], rho)) {
            return true;
        }
        if (!Vcbc.isValidCompactClosing(keys.vcbcKey(), vcbcId(a), ctx.groupId(), a, rho)) {
            refusedClosings++;
            return false;
        }
        if (closings[a] == null) {
            closings[a] = rho.clone();
        }
        return true;
    }

    private String vcbcId(int j) {
        return Envelope.tagged(protocolId(), "vcbc|" + j);
    }

    /** Π: a permutation of 0..n-1 fixed by the instance id (Fisher-Yates driven by SHA-256 of the id). */
    static int[] permutation(String protocolId, int n) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        byte[] id = protocolId.getBytes(StandardCharsets.UTF_8);
        for (int i = n - 1; i > 0; i--) {
            byte[] seed = ByteBuffer.allocate(id.length + 4).put(id).putInt(i).array();
            long r = ByteBuffer.wrap(Digest.of(seed).bytes()).getLong() >>> 1;
            int j = (int) (r % (i + 1));
            int tmp = p[i];
            p[i] = p[j];
            p[j] = tmp;
        }
        return p;
    }
}
