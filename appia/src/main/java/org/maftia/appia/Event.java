package org.maftia.appia;

import static org.maftia.appia.AppiaEventException.Reason.ALREADY_QUEUED;
import static org.maftia.appia.AppiaEventException.Reason.CHANNEL_NOT_RUNNING;
import static org.maftia.appia.AppiaEventException.Reason.NOT_INITIALIZED;
import static org.maftia.appia.AppiaEventException.Reason.NOT_PROVIDED;
import static org.maftia.appia.AppiaEventException.Reason.NO_CHANNEL;
import static org.maftia.appia.AppiaEventException.Reason.NO_DIRECTION;
import static org.maftia.appia.AppiaEventException.Reason.NO_SOURCE;
import static org.maftia.appia.AppiaEventException.Reason.SOURCE_NOT_IN_CHANNEL;
import static org.maftia.appia.AppiaEventException.Reason.WRONG_THREAD;

/**
 * The root of every event (spec 2.1.3, class Event). An event carries its channel, direction and
 * source session; {@link #init()} computes its route from the QoS, and each {@link #go()} moves
 * it to the next session on that route that accepts its class, through the channel's FIFO
 * {@link EventScheduler}. An event that runs off an end of the channel is handled by the channel
 * (echoes turned around, timers scheduled, the Stop event completed) or discarded.
 */
public class Event implements Cloneable {

    private Channel channel;
    private Direction direction;
    private Session source;

    // Routing state, set by init() or by the channel when it inserts the event at one end.
    private int[] route;
    private int next;
    private int step;
    private boolean initialized;
    private boolean queued;
    private Session target;

    public Event() {
    }

    public Event(Channel channel, Direction dir, Session source) throws AppiaEventException {
        this.channel = channel;
        this.direction = dir;
        this.source = source;
        init();
    }

    /**
     * Validates the attributes and computes the route. Fails fast when the source session's layer
     * did not declare this event class in {@code evProvide}.
     */
    public void init() throws AppiaEventException {
        if (channel == null) {
            throw new AppiaEventException(NO_CHANNEL, describe() + " has no channel");
        }
        if (direction == null) {
            throw new AppiaEventException(NO_DIRECTION, describe() + " has no direction");
        }
        if (source == null) {
            throw new AppiaEventException(NO_SOURCE, describe() + " has no source session");
        }
        if (!channel.acceptsEvents()) {
            throw new AppiaEventException(CHANNEL_NOT_RUNNING,
                    describe() + ": channel '" + channel.getChannelID() + "' is " + channel.state());
        }
        int position = channel.positionOf(source);
        if (position < 0) {
            throw new AppiaEventException(SOURCE_NOT_IN_CHANNEL, describe() + ": source " + source
                    + " is not bound to channel '" + channel.getChannelID() + "'");
        }
        EventRoute r = channel.getQoS().route(getClass());
        if (!r.providedAt(position)) {
            throw new AppiaEventException(NOT_PROVIDED, describe() + ": " + channel.getQoS().layerAt(position)
                    + " does not declare " + getClass().getSimpleName() + " in evProvide");
        }
        setRoute(r, position);
    }

    /** Moves the event to the next session of its route, or to the channel at the end. */
    public void go() throws AppiaEventException {
        if (!initialized) {
            throw new AppiaEventException(NOT_INITIALIZED, describe() + ": call init() before go()");
        }
        if (queued) {
            throw new AppiaEventException(ALREADY_QUEUED, describe() + " is already waiting in the scheduler");
        }
        EventScheduler scheduler = channel.getEventScheduler();
        if (!scheduler.getAppia().isLoopThread()) {
            throw new AppiaEventException(WRONG_THREAD, describe()
                    + ": go() from outside the Appia thread; use asyncGo(channel, direction)");
        }
        if (next >= 0 && next < route.length) {
            target = channel.sessionAt(route[next]);
            next += step;
            queued = true;
            scheduler.insert(this);
        } else {
            channel.endReached(this, step > 0);
        }
    }

    /**
     * Inserts this event from another thread (spec 2.1.3, Concurrency control): at the bottom of
     * {@code c} when {@code d} is UP, at the top when DOWN. Events inserted this way keep their
     * order and then flow as any other. The event must not be initialised by its caller.
     */
    public void asyncGo(Channel c, Direction d) throws AppiaEventException {
        if (c == null) {
            throw new AppiaEventException(NO_CHANNEL, describe() + ": asyncGo needs a channel");
        }
        if (d == null) {
            throw new AppiaEventException(NO_DIRECTION, describe() + ": asyncGo needs a direction");
        }
        if (queued) {
            throw new AppiaEventException(ALREADY_QUEUED, describe() + " is already waiting in the scheduler");
        }
        if (!c.getQoS().route(getClass()).providedInQoS) {
            throw new AppiaEventException(NOT_PROVIDED, describe() + ": no layer of QoS '"
                    + c.getQoS().getQoSID() + "' declares " + getClass().getSimpleName() + " in evProvide");
        }
        this.channel = c;
        this.direction = d;
        this.source = null;
        this.initialized = false;
        c.getEventScheduler().getAppia().execute(() -> c.insertFromEnd(this));
    }

    /**
     * A copy of this event, not initialised, with its own {@link Direction}. Subclasses that hold
     * mutable state override this, starting with {@code super.cloneEvent()}.
     */
    public Event cloneEvent() throws CloneNotSupportedException {
        Event copy = (Event) clone();
        if (direction != null) {
            copy.direction = new Direction(direction.direction);
        }
        copy.route = null;
        copy.initialized = false;
        copy.queued = false;
        copy.target = null;
        return copy;
    }

    public void setDirection(Direction dir) {
        this.direction = dir;
    }

    public Direction getDirection() {
        return direction;
    }

    public void setChannel(Channel channel) {
        this.channel = channel;
    }

    public Channel getChannel() {
        return channel;
    }

    public void setSource(Session source) {
        this.source = source;
    }

    /** The session that generated the event; null when the channel inserted it. */
    public Session getSource() {
        return source;
    }

    /** Sets the route as if the event entered at one end: the bottom when UP, the top when DOWN. */
    final void enterFromEnd() {
        setRoute(channel.getQoS().route(getClass()), direction.isUp() ? -1 : channel.size());
    }

    final Session takeTarget() {
        queued = false;
        Session s = target;
        target = null;
        return s;
    }

    private void setRoute(EventRoute r, int fromPosition) {
        route = r.acceptingPositions;
        if (direction.isUp()) {
            step = 1;
            next = r.firstAbove(fromPosition);
        } else {
            step = -1;
            next = r.lastBelow(fromPosition);
        }
        initialized = true;
    }

    private String describe() {
        return getClass().getSimpleName();
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "[" + direction + (channel == null ? "" : " in " + channel.getChannelID()) + "]";
    }
}
