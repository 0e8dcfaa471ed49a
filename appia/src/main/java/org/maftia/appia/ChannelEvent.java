package org.maftia.appia;

/**
 * The root of the events provided by the channel or requesting one of its services (spec 2.1.3,
 * class ChannelEvent); its {@link EventQualifier} says whether it is a request (ON), a
 * cancellation (OFF) or a notification (NOTIFY). Only subclasses are instantiated.
 */
public abstract class ChannelEvent extends Event {

    private EventQualifier qualifier = new EventQualifier();

    protected ChannelEvent() {
    }

    protected ChannelEvent(Channel channel, Direction dir, Session source) throws AppiaEventException {
        super(channel, dir, source);
    }

    protected ChannelEvent(Channel channel, Direction dir, Session source, EventQualifier qualifier)
            throws AppiaEventException {
        // The qualifier is set before init() so a constructor never leaves it unset.
        this.qualifier = requireQualifier(qualifier);
        setChannel(channel);
        setDirection(dir);
        setSource(source);
        init();
    }

    public void setQualifier(EventQualifier qualifier) {
        this.qualifier = requireQualifier(qualifier);
    }

    public EventQualifier getQualifier() {
        return qualifier;
    }

    @Override
    public Event cloneEvent() throws CloneNotSupportedException {
        ChannelEvent copy = (ChannelEvent) super.cloneEvent();
        copy.qualifier = new EventQualifier(qualifier.get());
        return copy;
    }

    private static EventQualifier requireQualifier(EventQualifier qualifier) {
        if (qualifier == null) {
            throw new AppiaEventException(AppiaEventException.Reason.BAD_QUALIFIER, "event qualifier must not be null");
        }
        return qualifier;
    }
}
