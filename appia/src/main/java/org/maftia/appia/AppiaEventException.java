package org.maftia.appia;

/** An event could not be initialised, sent or qualified; {@link #reason()} says why. */
public class AppiaEventException extends AppiaException {

    /** What went wrong with the event. */
    public enum Reason {
        /** The event has no channel. */
        NO_CHANNEL,
        /** The event has no direction. */
        NO_DIRECTION,
        /** The event has no source session. */
        NO_SOURCE,
        /** The source session is not bound to the event's channel. */
        SOURCE_NOT_IN_CHANNEL,
        /** The source session's layer does not declare the event class in {@code evProvide}. */
        NOT_PROVIDED,
        /** The channel is not started (or already stopped). */
        CHANNEL_NOT_RUNNING,
        /** {@code go()} on an event that was never initialised. */
        NOT_INITIALIZED,
        /** {@code go()} on an event that is already waiting in the scheduler. */
        ALREADY_QUEUED,
        /** {@code go()} from a thread other than the Appia loop's; use {@code asyncGo}. */
        WRONG_THREAD,
        /** An event qualifier value other than ON, OFF or NOTIFY. */
        BAD_QUALIFIER,
        /** An event was otherwise malformed (the message says how). */
        INVALID
    }

    private final Reason reason;

    public AppiaEventException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
