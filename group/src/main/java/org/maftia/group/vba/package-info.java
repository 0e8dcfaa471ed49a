/**
 * Validated multi-valued Byzantine agreement: spec 5.2.1.3, Protocol 4 (VBA; Cachin, Kursawe,
 * Petzold and Shoup), behind the API class {@code ArrayAgreement} of spec 3.2 and each round of
 * atomic broadcast. Every party proposes a value w satisfying the external
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
 * until it is finished, which ABC does {@code roundsKept} rounds later.
 *
 * <p><b>V_a(0, ρ)</b> holds for ρ = ⊥ only, the empty proof line 17 proposes with 0, where the spec's
 * V_a accepts any ρ with 0. Nothing needs a proof for 0, and any proof accepted for 0 travels
 * further: an honest party that collects a pre-vote for 0 and one for 1 abstains with the
 * justifications of both (spec 5.2.1.1), so a corrupted party's oversized proof for 0 would make
 * every such abstention too large for a frame, and no one would collect n-t main-votes.
 *
 * <p>Messages (codes in {@code MessageTypes}): vote(a, u, ρ) ({@link org.maftia.group.vba.VbaVote}),
 * with ρ a compact closing when u = 1 and empty when u = 0; the rest travels in the sub-protocols.
 *
 * <p>State is bounded by the parties: n broadcasts (each answering a fetch at most once per party),
 * at most n agreements, one vote bit per party and candidate, and one compact closing per
 * candidate, the first valid one seen; a vote's compact closing is checked on arrival.
 */
package org.maftia.group.vba;
