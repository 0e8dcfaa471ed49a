package org.maftia.group;

/** A boolean to agree on (spec 3.2, the Negotiable of {@link BinaryAgreement}). */
public class BinaryNegotiable implements Negotiable {

    private final boolean value;

    public BinaryNegotiable(boolean value) {
        this.value = value;
    }

    public boolean getValue() {
        return value;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BinaryNegotiable b && b.getClass() == getClass() && b.value == value;
    }

    @Override
    public int hashCode() {
        return Boolean.hashCode(value);
    }

    @Override
    public String toString() {
        return "BinaryNegotiable[" + value + "]";
    }
}
