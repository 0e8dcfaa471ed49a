package org.maftia.group;

import java.util.Arrays;

/**
 * A boolean with proof data and the validator that checks it (spec 3.2, point 2, the Negotiable of
 * {@link ValidatedAgreement}). Well-formed instances satisfy
 * {@code getValidator().isValid(getValue(), getProof())}; a decision's proof need not be the one
 * proposed (it may come from another party).
 */
public class ValidatedNegotiable extends BinaryNegotiable {

    private final byte[] proof;
    private final BinaryValidator validator;

    public ValidatedNegotiable(boolean value, byte[] proof, BinaryValidator validator) {
        super(value);
        if (proof == null || validator == null) {
            throw new IllegalArgumentException("a ValidatedNegotiable needs a proof and a validator");
        }
        this.proof = proof.clone();
        this.validator = validator;
    }

    public byte[] getProof() {
        return proof.clone();
    }

    public BinaryValidator getValidator() {
        return validator;
    }

    /** The spec's consistency condition: the validator accepts the value with the proof. */
    public boolean isWellFormed() {
        return validator.isValid(getValue(), getProof());
    }

    @Override
    public boolean equals(Object o) {
        return super.equals(o) && o instanceof ValidatedNegotiable v && Arrays.equals(v.proof, proof)
                && v.validator == validator;
    }

    @Override
    public int hashCode() {
        return 31 * super.hashCode() + Arrays.hashCode(proof);
    }

    @Override
    public String toString() {
        return "ValidatedNegotiable[" + getValue() + ", " + proof.length + "-byte proof]";
    }
}
