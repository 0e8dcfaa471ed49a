package org.maftia.appia;

/**
 * A periodic timer (spec 2.1.3): requested like a {@link Timer} but with a period in
 * milliseconds. Every period the channel delivers a copy made by {@link #cloneEvent()} in the
 * inverse direction with qualifier NOTIFY. When the loop falls behind, missed periods are skipped:
 * never more notifications than periods expired. Cancel with the same id and OFF.
 */
public class PeriodicTimer extends ChannelEvent {

    private final String timerID;
    private long period;

    public PeriodicTimer(String timerID, long period, Channel channel, Direction dir, Session source,
                         EventQualifier qualifier) throws AppiaException {
        super(channel, dir, source, qualifier);
        this.timerID = Timer.requireId(timerID);
        setPeriod(period);
    }

    /** A periodic timer to be inserted with {@link #asyncGo}. */
    public PeriodicTimer(String timerID, long period, EventQualifier qualifier) {
        this.timerID = Timer.requireId(timerID);
        setPeriod(period);
        setQualifier(qualifier);
    }

    public String getTimerID() {
        return timerID;
    }

    public void setPeriod(long period) {
        if (period <= 0) {
            throw new AppiaEventException(AppiaEventException.Reason.INVALID,
                    "timer '" + timerID + "': period must be positive milliseconds, not " + period);
        }
        this.period = period;
    }

    /** The period in milliseconds (the spec types it {@code Time}; no such class exists). */
    public long getPeriod() {
        return period;
    }
}
