package org.maftia.appia;

import static org.maftia.appia.AppiaCursorException.Reason.CHANNEL_STARTED;
import static org.maftia.appia.AppiaCursorException.Reason.NOT_POSITIONED;
import static org.maftia.appia.AppiaCursorException.Reason.OUT_OF_BOUNDS;
import static org.maftia.appia.AppiaCursorException.Reason.SLOT_TAKEN;
import static org.maftia.appia.AppiaCursorException.Reason.WRONG_LAYER;

/**
 * Walks a channel's slots to read and set sessions (spec 2.1.3, class ChannelCursor). Position 0
 * is the bottom. A new cursor is not positioned; {@link #top()} or {@link #bottom()} position it,
 * and scrolling past either end leaves it not positioned again.
 */
public final class ChannelCursor {

    private static final int NOWHERE = -1;

    private final Channel channel;
    private int position = NOWHERE;

    ChannelCursor(Channel channel) {
        this.channel = channel;
    }

    public void top() {
        position = channel.size() - 1;
    }

    public void bottom() {
        position = 0;
    }

    public void jumpTo(int position) throws AppiaCursorException {
        if (position < 0 || position >= channel.size()) {
            throw new AppiaCursorException(OUT_OF_BOUNDS, "channel '" + channel.getChannelID()
                    + "' has positions 0.." + (channel.size() - 1) + ", not " + position);
        }
        this.position = position;
    }

    public void down() throws AppiaCursorException {
        jump(-1);
    }

    public void up() throws AppiaCursorException {
        jump(1);
    }

    /** Moves by {@code offset}; past either end the cursor is left not positioned. */
    public void jump(int offset) throws AppiaCursorException {
        requirePositioned();
        long target = (long) position + offset;
        position = target < 0 || target >= channel.size() ? NOWHERE : (int) target;
    }

    public boolean isPositioned() {
        return position != NOWHERE;
    }

    /** The position, bottom = 0, or -1 when not positioned. */
    public int getPosition() {
        return position;
    }

    /** The session in the slot, or null if the slot is still empty. */
    public Session getSession() throws AppiaCursorException {
        requirePositioned();
        return channel.sessionAt(position);
    }

    /**
     * Binds {@code session} to the slot. Its layer must be of the class the QoS has at this
     * position; binding is allowed before {@link Channel#start()} and during its invitations.
     */
    public void setSession(Session session) throws AppiaCursorException {
        requirePositioned();
        if (!channel.isBindable()) {
            throw new AppiaCursorException(CHANNEL_STARTED, "channel '" + channel.getChannelID()
                    + "' is " + channel.state() + "; bind sessions before start()");
        }
        Layer slotLayer = channel.getQoS().layerAt(position);
        if (session == null || session.getLayer().getClass() != slotLayer.getClass()) {
            throw new AppiaCursorException(WRONG_LAYER, "position " + position + " of channel '"
                    + channel.getChannelID() + "' takes a session of " + slotLayer + ", not "
                    + (session == null ? "null" : "one of " + session.getLayer()));
        }
        Session current = channel.sessionAt(position);
        if (current != null && current != session) {
            throw new AppiaCursorException(SLOT_TAKEN, "position " + position + " of channel '"
                    + channel.getChannelID() + "' already holds a " + current);
        }
        channel.bind(position, session);
    }

    public Layer getLayer() throws AppiaCursorException {
        requirePositioned();
        return channel.getQoS().layerAt(position);
    }

    private void requirePositioned() {
        if (position == NOWHERE) {
            throw new AppiaCursorException(NOT_POSITIONED, "the cursor of channel '"
                    + channel.getChannelID() + "' is not positioned; call top() or bottom() first");
        }
    }
}
