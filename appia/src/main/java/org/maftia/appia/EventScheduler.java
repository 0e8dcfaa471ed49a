package org.maftia.appia;

import java.util.ArrayDeque;

/**
 * The FIFO queue of events in flight for the channels created on it (spec 2.1.3: the default
 * scheduler is single-threaded and FIFO). It belongs to one {@link Appia}, whose loop thread
 * dispatches its events one at a time; every {@link Event#go()} appends to its tail.
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

    void insert(Event event) {
        queue.addLast(event);
    }

    /** Hands the oldest event to its next session; false if none was waiting. */
    boolean dispatchOne() {
        Event event = queue.pollFirst();
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
