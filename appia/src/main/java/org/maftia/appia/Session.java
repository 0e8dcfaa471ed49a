package org.maftia.appia;

/**
 * A running instance of a micro-protocol (spec 2.1.3, class Session). It keeps the protocol's
 * state and handles the events its layer accepts. One session may be bound to several channels at
 * once (the spec's audio/video FIFO example); {@link Event#getChannel()} tells them apart.
 *
 * <p>All of a session's methods run on its Appia's event-loop thread, one event at a time.
 */
public abstract class Session {

    protected Layer layer;

    protected Session(Layer layer) {
        if (layer == null) {
            throw new IllegalArgumentException("a session needs the layer that created it, not null");
        }
        this.layer = layer;
    }

    public Layer getLayer() {
        return layer;
    }

    /**
     * Invitation to bind other sessions into {@code channel} through its cursor (automatic
     * binding). Called by {@link Channel#start()} on every session explicitly bound before it.
     */
    public void boundSessions(Channel channel) {
        // Binds nothing by default.
    }

    /** Handles one event; forwarding it is {@code event.go()}, consuming it is not calling it. */
    public abstract void handle(Event event);

    @Override
    public String toString() {
        return getClass().getSimpleName();
    }
}
