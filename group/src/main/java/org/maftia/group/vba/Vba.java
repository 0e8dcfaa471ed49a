package org.maftia.group.vba;

import static org.maftia.group.core.MessageTypes.VBA_VOTE;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.BitSet;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.maftia.group.abba.Abba;
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
 * <p>State is bounded by the parties: n broadcasts, at most n agreements, and one vote bit per
 * party and candidate; a vote's closing is checked on arrival and not kept.
 */
public final class Vba extends ProtocolInstance {

    private final GroupKeys keys;
    private final Predicate<byte[]> q;
    private final Consumer<byte[]> decide;

    private Vcbc[] broadcasts;
    /** w_j of lines 2-3: P_j's consistently delivered proposal, when it satisfies Q. */
    private byte[][] w;
    private int proposals;
    private int[] pi;
    private boolean proposed;
    /** l of lines 4-6; 0 until the loop starts. */
    private int l;
    private BitSet[] votedFor;
    private BitSet[] votedOne;
    private Abba[] agreements;
    private byte[] decision;

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

    /** The number of candidates tried so far (1 when the first one is decided). */
    public int candidatesTried() {
        return l;
    }

    @Override
    protected void onStart() {
        int n = ctx.n();
        w = new byte[n][];
        votedFor = new BitSet[n];
        votedOne = new BitSet[n];
        agreements = new Abba[n];
        broadcasts = new Vcbc[n];
        pi = permutation(protocolId(), n);
        for (int j = 0; j < n; j++) {
            int sender = j;
            votedFor[j] = new BitSet();
            votedOne[j] = new BitSet();
            broadcasts[j] = new Vcbc(Envelope.tagged(protocolId(), "vcbc|" + j), j, keys.vcbc(), Vcbc.DEFAULT_MAX_PAYLOAD, true,
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
            for (Abba a : agreements) {
                if (a != null) {
                    a.finish();
                }
            }
        }
        finish();
    }

    /** Line 3: P_j's proposal is consistently delivered; it counts if Q holds. */
    private void onProposal(int j, byte[] m) {
        if (w[j] != null || !q.test(m)) {
            return;
        }
        w[j] = m;
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
        if (votedFor[a].get(from)) {
            return;
        }
        if (vote.u() && w[a] == null) {
            // Line 13: a 1-vote counts only with a valid proposal of P_a, which its closing gives.
            if (!validClosing(a, vote.rho())) {
                throw new MalformedMessageException("1-vote of P" + from + " for P" + a + " without a valid closing");
            }
            broadcasts[a].deliverClosing(vote.rho(), 0, vote.rho().length);
        }
        votedFor[a].set(from);
        if (vote.u()) {
            votedOne[a].set(from);
        }
        advance();
    }

    /** Runs the loop of lines 4-20 as far as the messages at hand allow. */
    private void advance() {
        if (decision != null || !proposed) {
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

    /** Lines 6-11: the next candidate P_a, voted 1 with its closing if its proposal is here. */
    private void nextCandidate() {
        if (l == ctx.n()) {
            throw new IllegalStateException(protocolId() + ": every candidate was decided 0, which Protocol 4 rules out"
                    + " with n > 3t honest-majority keys");
        }
        l++;
        int a = pi[l - 1];
        VbaVote vote = w[a] == null ? new VbaVote(a, false, new byte[0])
                : new VbaVote(a, true, broadcasts[a].closing().orElseThrow());
        ctx.sendAll(VBA_VOTE, vote.body());
    }

    /** Lines 12-18: with n-t votes, 1 validated by a closing if any 1-vote counted, else 0. */
    private void proposeOn(int a) {
        Abba abba = Abba.validated(Envelope.tagged(protocolId(), "abba|" + a), keys,
                new Abba.Validation((b, rho) -> !b || validClosing(a, rho), Boolean.TRUE),
                b -> onDecided(a, b));
        agreements[a] = abba;
        ctx.start(abba);
        if (abba.decision() != null) {
            return; // decided from the messages that waited for it: nothing left to propose
        }
        if (!votedOne[a].isEmpty()) {
            abba.propose(true, broadcasts[a].closing().orElseThrow());
        } else {
            abba.propose(false, new byte[0]);
        }
    }

    /** Lines 19-24: 1 ends the loop with P_a's proposal, completed from the proof if need be; 0 tries the next. */
    private void onDecided(int a, boolean b) {
        if (!b) {
            nextCandidate();
            advance();
            return;
        }
        if (w[a] == null) {
            byte[] sigma = agreements[a].decisionProof();
            broadcasts[a].deliverClosing(sigma, 0, sigma.length);
        }
        if (w[a] == null) {
            throw new IllegalStateException(protocolId() + ": ABBA decided 1 for P" + a
                    + " with a proof that does not complete its broadcast (the validator admitted it)");
        }
        decision = w[a];
        decide.accept(decision.clone());
    }

    /** V_a for 1 (Protocol 4): ρ completes P_a's broadcast of a value satisfying Q. */
    private boolean validClosing(int a, byte[] rho) {
        return Vcbc.isValidClosing(keys.vcbcKey(), Envelope.tagged(protocolId(), "vcbc|" + a), ctx.groupId(), a, rho, 0, rho.length)
                && q.test(Vcbc.payloadFromClosing(rho, 0, rho.length));
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
