package org.maftia.net.client;

/** Why an authenticated connection ended; the site counts each reason that is the peer's doing. */
enum CloseReason {
    CLOSED_LOCALLY,
    PEER_CLOSED,
    IO_ERROR,
    IDLE,
    OVERSIZED,
    MALFORMED,
    DECRYPTION_FAILED,
    COUNTER_EXHAUSTED,
    SLOW_READER,
    SEND_TIMEOUT,
    REPLACED
}
