package org.maftia.appia;

/**
 * An aperiodic timer (spec 2.1.3, classes Timer and PeriodicTimer, Table 2.2). A session requests
 * one by sending a Timer DOWN with qualifier ON and {@code when} set to an absolute time of the
 * channel's clock ({@link Channel#getClock()}); when it expires the channel sends the same
 * instance back in the inverse direction with qualifier NOTIFY. A Timer with the same id and OFF
 * cancels every pending timer of that id in the channel; a notification already queued may still
 * arrive. Subclass it to carry what the timeout handler needs.
 */
public class Timer extends ChannelEvent {

    private final String timerID;
    private long when;

    public Timer(String timerID, long when, Channel channel, Direction dir, Session source,
                 EventQualifier qualifier) throws AppiaException {
        super(channel, dir, source, qualifier);
        this.timerID = requireId(timerID);
        this.when = when;
    }

    /** A timer to be inserted with {@link #asyncGo}. */
    public Timer(String timerID, long when, EventQualifier qualifier) {
        this.timerID = requireId(timerID);
        this.when = when;
        setQualifier(qualifier);
    }

    public String getTimerID() {
        return timerID;
    }

    public void setTimeout(long when) {
        this.when = when;
    }

    public long getTimeout() {
        return when;
    }

    static String requireId(String timerID) {
        if (timerID == null || timerID.isEmpty()) {
            throw new AppiaEventException(AppiaEventException.Reason.INVALID,
                    "a timer needs a non-empty id (cancellation finds timers by id)");
        }
        return timerID;
    }
}
