package org.maftia.crypto;

/** One holder's private side of a threshold coin. */
public interface CoinHolder {

    int index();

    ThresholdCoin publicKey();

    /** This holder's share of the coin named by {@code tag}, with its proof of correctness. */
    Share share(byte[] tag);
}
