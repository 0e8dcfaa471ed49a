package org.maftia.appia;

/**
 * Qualifies a {@link ChannelEvent} (spec 2.1.3, class EventQualifier): {@link #ON} requests or
 * starts something, {@link #OFF} cancels it, {@link #NOTIFY} reports an occurrence.
 */
public final class EventQualifier {

    public static final int ON = 0;
    public static final int OFF = 1;
    public static final int NOTIFY = 2;

    private int qualifier;

    public EventQualifier(int qualifier) throws AppiaEventException {
        set(qualifier);
    }

    /** A qualifier set to {@link #ON}. */
    public EventQualifier() {
        this.qualifier = ON;
    }

    public static EventQualifier on() {
        return new EventQualifier(ON);
    }

    public static EventQualifier off() {
        return new EventQualifier(OFF);
    }

    public static EventQualifier notification() {
        return new EventQualifier(NOTIFY);
    }

    public void set(int qualifier) throws AppiaEventException {
        if (qualifier != ON && qualifier != OFF && qualifier != NOTIFY) {
            throw new AppiaEventException(AppiaEventException.Reason.BAD_QUALIFIER,
                    "event qualifier must be ON (0), OFF (1) or NOTIFY (2), not " + qualifier);
        }
        this.qualifier = qualifier;
    }

    public int get() {
        return qualifier;
    }

    /** True for {@link #ON}. */
    public boolean isSet() {
        return qualifier == ON;
    }

    /** True for {@link #OFF}. */
    public boolean isCancel() {
        return qualifier == OFF;
    }

    /** True for {@link #NOTIFY}. */
    public boolean isNotify() {
        return qualifier == NOTIFY;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof EventQualifier q && q.qualifier == qualifier;
    }

    @Override
    public int hashCode() {
        return qualifier;
    }

    @Override
    public String toString() {
        return switch (qualifier) {
            case ON -> "ON";
            case OFF -> "OFF";
            default -> "NOTIFY";
        };
    }
}
