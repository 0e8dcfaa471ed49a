package org.maftia.ttcb.wire;

/** A frame that does not decode: counted and dropped by whoever read it, never passed on. */
public final class MalformedFrameException extends RuntimeException {

    public MalformedFrameException(String message) {
        super(message, null, false, false);
    }
}
