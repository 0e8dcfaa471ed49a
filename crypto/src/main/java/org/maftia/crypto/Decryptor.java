package org.maftia.crypto;

/** One holder's private side of a threshold cryptosystem. */
public interface Decryptor {

    int index();

    ThresholdCryptosystem publicKey();

    /**
     * This holder's decryption share of a valid ciphertext.
     *
     * @throws CryptoException if the ciphertext is not valid (no share is ever released for one)
     */
    Share decryptShare(byte[] ciphertext);
}
