package org.maftia.appia;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;
import org.maftia.appia.time.Clock;

/**
 * An instance of a QoS: one slot per layer, each filled with a session of that layer
 * (spec 2.1.3, class Channel). Sessions are bound explicitly through the {@link ChannelCursor}
 * before {@link #start()}, automatically by those sessions' {@code boundSessions}, and the slots
 * left empty get a new session from their layer at start.
 *
 * <p>{@code start()} and {@code end()} insert the Start ({@link ChannelInit}) and Stop
 * ({@link ChannelClose}) events. Called from outside the Appia thread while it runs, they are
 * carried out on that thread and return when done.
 */
public final class Channel {

    private final String channelID;
    private final QoS qos;
    private final EventScheduler scheduler;
    private final Session[] sessions;
    private ChannelState state = ChannelState.CREATED;
    private boolean binding;

    Channel(String channelID, QoS qos, EventScheduler scheduler) {
        if (channelID == null || channelID.isBlank()) {
            throw new IllegalArgumentException("a channel needs a non-empty id");
        }
        this.channelID = channelID;
        this.qos = qos;
        this.scheduler = scheduler;
        this.sessions = new Session[qos.size()];
    }

    public String getChannelID() {
        return channelID;
    }

    public QoS getQoS() {
        return qos;
    }

    /** True when both channels are instances of the same QoS. */
    public boolean equalQoS(Channel channel) {
        return channel != null && channel.qos == qos;
    }

    public EventScheduler getEventScheduler() {
        return scheduler;
    }

    /** The clock protocols in this channel must read time from (timers use its scale). */
    public Clock getClock() {
        return scheduler.getAppia().clock();
    }

    public ChannelState state() {
        return state;
    }

    public boolean isStarted() {
        return state == ChannelState.RUNNING || state == ChannelState.CLOSING;
    }

    /** A new cursor over this channel's slots, not positioned. */
    public ChannelCursor getCursor() {
        return new ChannelCursor(this);
    }

    /**
     * Binds the remaining sessions and inserts the Start event. Explicitly bound sessions are
     * first invited to bind others ({@link Session#boundSessions}); each slot still empty then
     * gets a new session from its layer.
     */
    public void start() {
        scheduler.getAppia().runOnLoop(() -> {
            if (!state.canMoveTo(ChannelState.RUNNING)) {
                throw new IllegalStateException("channel '" + channelID + "' cannot start: it is " + state);
            }
            bindRemainingSessions();
            moveTo(ChannelState.RUNNING);
            insertFromEnd(new ChannelInit(), Direction.up());
        });
    }

    /** Inserts the Stop event; the channel stops when it has crossed every session. */
    public void end() {
        scheduler.getAppia().runOnLoop(() -> {
            if (!state.canMoveTo(ChannelState.CLOSING)) {
                throw new IllegalStateException("channel '" + channelID + "' cannot end: it is " + state);
            }
            moveTo(ChannelState.CLOSING);
            insertFromEnd(new ChannelClose(), Direction.up());
        });
    }

    int size() {
        return sessions.length;
    }

    Session sessionAt(int position) {
        return sessions[position];
    }

    boolean isBindable() {
        return state == ChannelState.CREATED || binding;
    }

    void bind(int position, Session session) {
        sessions[position] = session;
    }

    boolean acceptsEvents() {
        return state == ChannelState.RUNNING || state == ChannelState.CLOSING;
    }

    int positionOf(Session session) {
        for (int i = 0; i < sessions.length; i++) {
            if (sessions[i] == session) {
                return i;
            }
        }
        return -1;
    }

    /** Inserts an event launched by the channel itself at the end its direction starts from. */
    void insertFromEnd(Event event, Direction direction) {
        event.setChannel(this);
        event.setDirection(direction);
        event.setSource(null);
        insertFromEnd(event);
    }

    /** Inserts an event whose channel and direction are set (asyncGo, timer notifications). */
    void insertFromEnd(Event event) {
        if (!acceptsEvents()) {
            scheduler.getAppia().reportDropped(event, "channel '" + channelID + "' is " + state);
            return;
        }
        event.enterFromEnd();
        event.go();
    }

    /** An event ran off the top ({@code atTop}) or the bottom of the channel. */
    void endReached(Event event, boolean atTop) {
        switch (event) {
            case EchoEvent echo -> insertFromEnd(echo.getEvent(), atTop ? Direction.down() : Direction.up());
            case Timer timer when !timer.getQualifier().isNotify() -> scheduler.getAppia().timers().request(timer);
            case PeriodicTimer timer when !timer.getQualifier().isNotify() ->
                    scheduler.getAppia().timers().request(timer);
            case ChannelClose close when atTop -> stop();
            default -> {
                // Events leaving the channel are consumed there, as in the spec.
            }
        }
    }

    private void stop() {
        moveTo(ChannelState.STOPPED);
        scheduler.getAppia().timers().cancelAll(this);
        for (int i = 0; i < sessions.length; i++) {
            scheduler.getAppia().disposeQuietly(qos.layerAt(i), sessions[i], this);
        }
    }

    private void bindRemainingSessions() {
        binding = true;
        try {
            Set<Session> explicit = Collections.newSetFromMap(new IdentityHashMap<>());
            for (Session s : sessions) {
                if (s != null) {
                    explicit.add(s);
                }
            }
            for (Session s : explicit) {
                s.boundSessions(this);
            }
            for (int i = 0; i < sessions.length; i++) {
                if (sessions[i] == null) {
                    Layer layer = qos.layerAt(i);
                    Session created = layer.createSession();
                    if (created == null || created.getLayer() == null
                            || created.getLayer().getClass() != layer.getClass()) {
                        throw new IllegalStateException(layer + ".createSession() returned " + created
                                + ", not a session of " + layer);
                    }
                    sessions[i] = created;
                }
            }
        } finally {
            binding = false;
        }
    }

    private void moveTo(ChannelState target) {
        if (!state.canMoveTo(target)) {
            throw new IllegalStateException("channel '" + channelID + "': illegal move " + state + " -> " + target);
        }
        state = target;
    }

    @Override
    public String toString() {
        return "Channel[" + channelID + ", " + qos.getQoSID() + ", " + state + "]";
    }
}
