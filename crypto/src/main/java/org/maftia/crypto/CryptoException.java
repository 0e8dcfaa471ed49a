package org.maftia.crypto;

/** A cryptographic operation could not be carried out; the message says what and why. */
public class CryptoException extends RuntimeException {

    public CryptoException(String message) {
        super(message);
    }

    public CryptoException(String message, Throwable cause) {
        super(message, cause);
    }
}
