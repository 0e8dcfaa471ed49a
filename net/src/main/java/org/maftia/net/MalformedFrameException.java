package org.maftia.net;

/** Bytes from the network that are not a frame this site accepts; the frame is dropped and counted. */
public class MalformedFrameException extends Exception {

    /** Why a frame was refused. */
    public enum Reason {
        /** Lengths, ranges or encodings are wrong. */
        MALFORMED,
        /** A frame format version this site does not speak. */
        BAD_VERSION,
        /** The event class named is not one the channel's QoS provides. */
        UNKNOWN_TYPE,
        /** Larger than the configured limit. */
        OVERSIZED
    }

    private final Reason reason;

    public MalformedFrameException(Reason reason, String message) {
        super(message, null, false, false);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
