package org.maftia.crypto;

/** Bytes that do not decode to the expected value: wrong length, out of range, not on the curve. */
public class MalformedEncodingException extends CryptoException {

    public MalformedEncodingException(String message) {
        super(message);
    }
}
