package org.maftia.appia;

/** An invalid operation on a {@link ChannelCursor}; {@link #reason()} says which. */
public class AppiaCursorException extends AppiaException {

    /** What went wrong with the cursor operation. */
    public enum Reason {
        /** The cursor is not positioned over a slot: call {@code top()} or {@code bottom()}. */
        NOT_POSITIONED,
        /** A jump to a position outside {@code 0..n-1}. */
        OUT_OF_BOUNDS,
        /** The session's layer is not the layer of the QoS at this position. */
        WRONG_LAYER,
        /** The slot already holds another session. */
        SLOT_TAKEN,
        /** Sessions can only be bound before the channel starts (or while {@code start} binds them). */
        CHANNEL_STARTED
    }

    private final Reason reason;

    public AppiaCursorException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
