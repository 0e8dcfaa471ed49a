package org.maftia.ttcb;

/**
 * A call that did not reach a verified answer: the local channel refused it (bad MAC, replay,
 * re-order), the answer failed verification (a TTCB that is not the one whose key we hold), or the
 * local TTCB did not answer.
 */
public class TtcbException extends RuntimeException {

    public TtcbException(String message) {
        super(message);
    }

    public TtcbException(String message, Throwable cause) {
        super(message, cause);
    }
}
