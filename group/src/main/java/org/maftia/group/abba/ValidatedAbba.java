package org.maftia.group.abba;

import java.util.function.BiPredicate;
import java.util.function.Consumer;
import org.maftia.group.abba.AbbaMessage.PreProcess;
import org.maftia.group.abba.AbbaMessage.PreVoteJustification;
import org.maftia.group.abba.AbbaMessage.PreVoteJustification.External;
import org.maftia.group.core.GroupKeys;
import org.maftia.group.core.MalformedMessageException;
import org.maftia.group.core.WireLimits;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Validated binary Byzantine agreement (spec 5.2.1.2): the rounds of Protocol 3
 * ({@link AbbaRounds}) with its two modifications. Round 1's pre-votes are justified by the
 * external proofs submitted with the proposals, tested by the validator, instead of by
 * pre-processing (lines 1-3, which only build that justification, are skipped); and, biased
 * towards b, the coin of round 1 is b and is never tossed. The decision comes with a proof for it
 * ({@link #decisionProof()}).
 */
public final class ValidatedAbba extends AbbaRounds {

    private static final Logger LOG = LoggerFactory.getLogger(ValidatedAbba.class);

    /**
     * The external predicate, which gets the value and the proof, and the bias: with a non-null
     * {@code bias}, the coin of round 1 is that value instead of a toss.
     */
    public record Validation(BiPredicate<Boolean, byte[]> validator, Boolean bias) {
        public Validation {
            if (validator == null) {
                throw new IllegalArgumentException("a validated ABBA needs a validator");
            }
        }
    }

    private final BiPredicate<Boolean, byte[]> validator;
    /** External proofs seen valid, for 0 and for 1: the decision's proof is one of them. */
    private final byte[][] proofs = new byte[2][];
    private byte[] decisionProof;
    private long refusedProofs;

    /** The instance {@code protocolId} with {@code validation}'s predicate and bias; {@code decide} gets the decision once. */
    public ValidatedAbba(String protocolId, GroupKeys keys, Validation validation, Consumer<Boolean> decide) {
        super(protocolId, keys, DEFAULT_MAX_ROUNDS_AHEAD, validation.bias(), decide);
        this.validator = validation.validator();
    }

    /** Pre-votes refused because their external proof did not validate. */
    public long refusedProofs() {
        return refusedProofs;
    }

    /** The external proof of the decided value, or null before the decision. */
    public byte[] decisionProof() {
        return decisionProof == null ? null : decisionProof.clone();
    }

    /**
     * Starts with V_i and its external proof: round 1 pre-votes V_i justified by the proof.
     *
     * @throws IllegalArgumentException if the proof does not validate V_i or is over {@link WireLimits#proofBytes}
     */
    public void propose(boolean value, byte[] proof) {
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
            start(value);
            seenProof(value, own);
            advance();
        });
    }

    /** There is no pre-processing here. */
    @Override
    void onPreProcess(int from, PreProcess p) throws MalformedMessageException {
        throw new MalformedMessageException("a pre-process message from P" + from + " in validated ABBA, which has none");
    }

    /** Lines 6-7 replaced: round 1 pre-votes V_i, justified by the proof submitted with it. */
    @Override
    boolean preVoteInRoundOne() {
        preVote(input(), new External(proofs[input() ? 1 : 0]));
        return true;
    }

    /** A round-1 pre-vote for b is justified by a proof the validator accepts; a refused one is counted. */
    @Override
    boolean roundOneJustifies(boolean b, PreVoteJustification j) {
        if (!(j instanceof External e)) {
            return false;
        }
        if (validProof(b, e.signature())) {
            return true;
        }
        refusedProofs++;
        return false;
    }

    /** Keeps the first valid proof seen for b: a round-1 abstention shows those for 0 and for 1 to all. */
    @Override
    void justificationSeen(boolean b, PreVoteJustification j) {
        if (j instanceof External e) {
            seenProof(b, e.signature());
        }
    }

    /**
     * A decision in round 1 follows n-t pre-votes for v, one of which this party collected at
     * line 14; a later one follows a round-1 abstention this party collected at line 19, which
     * carries proofs for both values. Either way the proof for v is here.
     */
    @Override
    void deciding(int v) {
        decisionProof = proofs[v];
        if (decisionProof == null) {
            throw new IllegalStateException("P" + ctx.self() + " decided " + v + " in " + protocolId() + " without a proof for it");
        }
    }

    /** The application's validator need not be thread-safe: it runs on the protocol thread only. */
    private boolean validProof(boolean b, byte[] proof) {
        try {
            return validator.test(b, proof.clone());
        } catch (RuntimeException e) {
            LOG.debug("validator of {} threw on a proof for {}: {}", protocolId(), b ? 1 : 0, e.toString());
            return false;
        }
    }

    private void seenProof(boolean b, byte[] proof) {
        if (proofs[b ? 1 : 0] == null) {
            proofs[b ? 1 : 0] = proof;
        }
    }
}
