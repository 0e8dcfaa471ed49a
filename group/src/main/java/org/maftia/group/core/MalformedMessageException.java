package org.maftia.group.core;

/**
 * A protocol message that does not decode or makes no sense in its protocol: dropped and counted
 * by the group session, never thrown into the protocol's state.
 */
public class MalformedMessageException extends Exception {

    public MalformedMessageException(String message) {
        super(message, null, false, false);
    }
}
