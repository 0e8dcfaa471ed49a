package org.maftia.group;

import java.util.Arrays;

/**
 * A byte array with the validator that checks it (spec 3.2, point 3, the Negotiable of
 * {@link ArrayAgreement}). Well-formed instances satisfy {@code getValidator().isValid(getValue())}.
 */
public class ArrayNegotiable implements Negotiable {

    private final byte[] value;
    private final ArrayValidator validator;

    public ArrayNegotiable(byte[] value, ArrayValidator validator) {
        if (value == null || validator == null) {
            throw new IllegalArgumentException("an ArrayNegotiable needs a value and a validator");
        }
        this.value = value.clone();
        this.validator = validator;
    }

    public byte[] getValue() {
        return value.clone();
    }

    public ArrayValidator getValidator() {
        return validator;
    }

    /** The spec's consistency condition: the validator accepts the value. */
    public boolean isWellFormed() {
        return validator.isValid(value);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ArrayNegotiable a && Arrays.equals(a.value, value) && a.validator == validator;
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(value);
    }

    @Override
    public String toString() {
        return "ArrayNegotiable[" + value.length + " bytes]";
    }
}
