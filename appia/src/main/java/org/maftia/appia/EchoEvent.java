package org.maftia.appia;

/**
 * Carries another event to one end of the channel, where the channel takes the carried event out
 * and inserts it, the same instance, in the opposite direction as if the channel had launched it
 * (spec 2.1.3, class EchoEvent). The session launching the echo must declare the carried event's
 * class in its layer's {@code evProvide}.
 */
public class EchoEvent extends ChannelEvent {

    private Event event;

    public EchoEvent(Event event, Channel channel, Direction dir, Session source) throws AppiaEventException {
        super(channel, dir, source);
        this.event = requireProvided(event, channel, source);
    }

    /** An echo to be inserted with {@link #asyncGo}. */
    public EchoEvent(Event event) {
        if (event == null) {
            throw new IllegalArgumentException("an echo must carry an event, not null");
        }
        this.event = event;
    }

    public Event getEvent() {
        return event;
    }

    private static Event requireProvided(Event event, Channel channel, Session source) {
        if (event == null) {
            throw new AppiaEventException(AppiaEventException.Reason.INVALID, "an echo must carry an event, not null");
        }
        if (!channel.getQoS().route(event.getClass()).providedAt(channel.positionOf(source))) {
            throw new AppiaEventException(AppiaEventException.Reason.NOT_PROVIDED, "EchoEvent: "
                    + source.getLayer() + " does not declare the carried " + event.getClass().getSimpleName()
                    + " in evProvide");
        }
        return event;
    }
}
