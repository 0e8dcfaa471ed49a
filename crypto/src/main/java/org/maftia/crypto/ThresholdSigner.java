package org.maftia.crypto;

/** One holder's private side of a threshold signature scheme: makes its signature shares. */
public interface ThresholdSigner {

    /** The holder's index, {@code 0..n-1}. */
    int index();

    /** The group's public side this signer belongs to. */
    ThresholdSignature publicKey();

    /** A share of the group's signature on {@code message}, with whatever proof the scheme needs. */
    Share sign(byte[] message);
}
