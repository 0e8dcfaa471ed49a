package org.maftia.group;

/**
 * The external predicate Q of validated multi-valued agreement (spec 3.2, point 3; Protocol 4):
 * whatever validates a value is part of it. All parties of an {@link ArrayAgreement} instance must
 * use validators that agree.
 */
public abstract class ArrayValidator {

    /** For the application's validators (spec 3.2), which extend this class. */
    protected ArrayValidator() {
    }

    /** True if {@code length} bytes of {@code value} from {@code offset} are a valid value. */
    public abstract boolean isValid(byte[] value, int offset, int length);

    /** True if all of {@code value} is valid. */
    public boolean isValid(byte[] value) {
        return value != null && isValid(value, 0, value.length);
    }
}
