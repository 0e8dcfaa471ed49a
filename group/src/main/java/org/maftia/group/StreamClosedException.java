package org.maftia.group;

/** A stream closed (spec 3.2): nothing more to receive, nothing more may be sent. */
public class StreamClosedException extends IllegalStateException {

    public StreamClosedException(String message) {
        super(message);
    }
}
