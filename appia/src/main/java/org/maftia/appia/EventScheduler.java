package org.maftia.appia;

import java.util.ArrayDeque;

/**
 * The queue of events in flight for the channels created on it (spec 2.1.3: the default
 * scheduler is single-threaded and FIFO). It belongs to one {@link Appia}, whose loop thread
 * dispatches its events one at a time; every {@link Event#go()} hands the event to
 * {@link #insert}. A subclass may define another policy by overriding {@link #insert},
 * {@link #next} and {@link #pending} together; they are called on the loop thread only.
 */
public class EventScheduler {

    private final Appia appia;
    private final ArrayDeque<Event> queue = new ArrayDeque<>();

    /** A scheduler served by {@code appia}'s loop in turn with the others it has. */
    public EventScheduler(Appia appia) {
        this.appia = appia;
        appia.register(this);
    }

    public Appia getAppia() {
        return appia;
    }

    /** Events waiting to be handled. */
    public int pending() {
        return queue.size();
    }

    /** Takes an event that is ready for its next session (FIFO: at the tail). */
    protected void insert(Event event) {
        queue.addLast(event);
    }

    /** The event to dispatch next, or null when none waits (FIFO: the head). */
    protected Event next() {
        return queue.pollFirst();
    }

    /** Hands the next event to its next session; false if none was waiting. */
    final boolean dispatchOne() {
        Event event = next();
        if (event == null) {
            return false;
        }
        Session target = event.takeTarget();
        if (!event.getChannel().acceptsEvents()) {
            appia.reportDropped(event, "channel '" + event.getChannel().getChannelID() + "' stopped");
            return true;
        }
        appia.dispatch(target, event);
        return true;
    }
}
