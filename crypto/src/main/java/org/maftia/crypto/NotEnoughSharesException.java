package org.maftia.crypto;

/** Fewer than {@code k} valid shares from distinct holders were given to a combination. */
public class NotEnoughSharesException extends CryptoException {

    public NotEnoughSharesException(int needed, int valid) {
        super("need " + needed + " valid shares from distinct holders, got " + valid);
    }
}
