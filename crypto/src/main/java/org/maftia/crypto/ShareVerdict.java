package org.maftia.crypto;

/**
 * The outcome of checking one share: valid, or invalid with the holder it claims to come from and
 * what is wrong with it, so the protocol can name the faulty holder.
 */
public sealed interface ShareVerdict {

    int index();

    boolean isValid();

    record Valid(int index) implements ShareVerdict {
        @Override
        public boolean isValid() {
            return true;
        }
    }

    record Invalid(int index, Problem problem, String detail) implements ShareVerdict {
        @Override
        public boolean isValid() {
            return false;
        }
    }

    /** What can be wrong with a share. */
    enum Problem {
        /** The bytes do not decode (lengths, ranges, points off the curve). */
        MALFORMED,
        /** The index names no holder of this key. */
        UNKNOWN_HOLDER,
        /** The share's correctness proof (or signature) does not verify for this input. */
        BAD_PROOF,
        /** The share belongs to another scheme, key or parameter set. */
        WRONG_KEY
    }

    static ShareVerdict valid(int index) {
        return new Valid(index);
    }

    static ShareVerdict invalid(int index, Problem problem, String detail) {
        return new Invalid(index, problem, detail);
    }
}
