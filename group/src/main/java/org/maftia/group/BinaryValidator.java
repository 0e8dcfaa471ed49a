package org.maftia.group;

/**
 * The external predicate of validated binary agreement (spec 3.2, point 2; spec 5.2.1.2): decides
 * whether some proof data validates a boolean value. The application extends this class; all
 * parties of a {@link ValidatedAgreement} instance must use validators that agree.
 */
public abstract class BinaryValidator {

    /** For the application's validators (spec 3.2), which extend this class. */
    protected BinaryValidator() {
    }

    /** True if {@code length} bytes of {@code proof} from {@code offset} validate {@code value}. */
    public abstract boolean isValid(boolean value, byte[] proof, int offset, int length);

    /** True if all of {@code proof} validates {@code value}. */
    public boolean isValid(boolean value, byte[] proof) {
        return proof != null && isValid(value, proof, 0, proof.length);
    }
}
