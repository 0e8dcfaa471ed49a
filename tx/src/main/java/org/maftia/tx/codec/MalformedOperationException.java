package org.maftia.tx.codec;

/**
 * Bytes that do not decode as what they claim to be. The replica turns it into a refusal for the
 * caller (the same at every honest replica, since decoding is deterministic); the state is unchanged.
 */
public final class MalformedOperationException extends IllegalArgumentException {

    public MalformedOperationException(String message) {
        super(message);
    }
}
