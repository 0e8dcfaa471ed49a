package org.maftia.group.vba;

import static org.maftia.group.core.MessageTypes.VBA_VOTE;

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
 * Protocol 4, VBA (spec 5.2.1.3; Cachin, Kursawe, Petzold and Shoup): P_i's instance of validated
 * multi-valued Byzantine agreement. Every party proposes a value w satisfying the external
 * predicate Q; all honest parties decide the same value, and it satisfies Q.
 *
 * <p>Sub-protocols (convention 5): the verifiable consistent broadcast of P_j's proposal is the
 * VCBC instance {@code id|vcbc|j}; the agreement on candidate P_a is the validated ABBA
 * {@code id|abba|a}, biased towards 1. The spec's (echo, w, π) is one value here: whatever Q needs
 * to validate w is part of w, as in {@code ArrayNegotiable}.
 *
 * <p>Π, the fixed permutation of the candidates, is derived from the instance id (the same at
 * every party), so successive instances, e.g. the rounds of atomic broadcast, start with different
 * candidates rather than always with P_0.
 *
 * <p><b>Compact closings.</b> Where Protocol 4 sends ρ, "the message that completes the
 * consistent broadcast" of P_a (lines 10-11, 15, 18; spec lines 3330-3342), which holds w_a, this
 * instance sends P_a's <em>compact closing</em> (d, µ): d = H(w_a) and µ the VCBC threshold
 * signature on (a, ready, d) (Protocol 6, line 9, spec line 3421). It binds w_a as the closing
 * does, at a size that does not grow with w_a; a party that lacks w_a fetches it when, and only
 * if, it needs it. Why the properties of Protocol 4 still hold:
 * <ol>
 * <li>V_a (spec lines 3309-3315) must still imply Q(w_a), although (d, µ) does not show w_a.
 *     It does because the VCBC of every proposal signs only payloads satisfying Q (a
 *     deviation from line 9, see {@code Vcbc}): µ combines ceil((n+t+1)/2) &gt; 2t shares, so at
 *     least t+1 honest parties received a payload w with H(w) = d and found Q(w); by collision
 *     resistance w is the bound w_a. Q is a global predicate of the value, so an honest proposer's
 *     value (line 1) is still signed by every honest party; a corrupted proposer's invalid value is
 *     never delivered, where Protocol 4 delivered and then ignored it at line 3. So line 3 needs no
 *     check of its own, and V_a(1, ρ) is "ρ is a valid compact closing of vcbc|a".
 * <li>Lines 7-11: P_i still votes 1 only for a w_a it delivered, so it holds w_a and Q(w_a).
 * <li>Line 13: a 1-vote counts when its compact closing is valid, even if P_i lacks w_a, as the
 *     spec counts a vote whose closing completes the broadcast. Line 18 proposes 1 to the biased
 *     ABBA with a valid compact closing (P_i's own or a counted vote's), and V_a is the ABBA's
 *     validator; so by ABBA's external validity a decision 1 comes with a valid compact closing σ.
 * <li>Lines 21-23: a party that decided 1 without w_a completes the broadcast from σ (line 22):
 *     at once if it received the payload with digest d and missed only the final, else by fetching
 *     it (as RBC does, Protocol 5, lines 20-23, spec lines 3382-3385). The t+1 honest signers of µ
 *     hold it and answer; the first answer that hashes to d is taken.
 * <li>Agreement and external validity of the output: two valid signatures of vcbc|a on different
 *     digests cannot exist (two quorums share an honest party, who signs one digest), so every
 *     honest party outputs the same w_a, and Q(w_a) holds by 1.
 * </ol>
 * The fetch needs those holders to keep vcbc|a until the slow party asks: an instance answers
 * until it is {@linkplain #release() released}, which ABC does {@code roundsKept} rounds later.
 *
 * <p><b>V_a(0, ρ)</b> holds for ρ = ⊥ only, the empty proof line 17 proposes with 0, where the spec's
 * V_a accepts any ρ with 0. Nothing needs a proof for 0, and any proof accepted for 0 travels
 * further: an honest party that collects a pre-vote for 0 and one for 1 abstains with the
 * justifications of both (spec 5.2.1.1), so a corrupted party's oversized proof for 0 would make
 * every such abstention too large for a frame, and no one would collect n-t main-votes.
 *
 * <p>State is bounded by the parties: n broadcasts (each answering a fetch at most once per party),
 * at most n agreements, one vote bit per party and candidate, and one compact closing per
 * candidate, the first valid one seen; a vote's compact closing is checked on arrival.
 */
public final class Vba extends ProtocolInstance {

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

    /** Frees this instance and its sub-protocols at this site. */
    public void release() {
        if (broadcasts != null) {
            for (Vcbc b : broadcasts) {
                b.finish();
            }
            for (ValidatedAbba a : agreements) {
                if (a != null) {
                    a.finish();
                }
            }
        }
        finish();
    }

    /** Line 3: P_j's proposal is consistently delivered (once), so it satisfies Q. */
    private void onProposal(int j, byte[] m) {
        w[j] = m;
        closings[j] = broadcasts[j].compactClosing().orElseThrow();
        proposals++;
        advance();
    }

    @Override
    protected void onMessage(int from, int type, byte[] body) throws MalformedMessageException {
        if (type != VBA_VOTE) {
            throw new MalformedMessageException("message type 0x" + Integer.toHexString(type) + " is not a VBA vote");
        }
        VbaVote vote = VbaVote.decode(body, ctx.n());
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
        ctx.sendAll(VBA_VOTE, vote.body());
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
