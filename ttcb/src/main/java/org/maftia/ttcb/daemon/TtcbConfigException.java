package org.maftia.ttcb.daemon;

/** A mistake in a TTCB configuration: one line naming the field, the bad value and the fix. */
public final class TtcbConfigException extends RuntimeException {

    public TtcbConfigException(String message) {
        super(message, null, false, false);
    }
}
