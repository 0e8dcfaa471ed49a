package org.maftia.appia;

import org.maftia.appia.message.Message;

/**
 * An event meant to cross the network (spec 2.1.3, class SendableEvent). {@link #source} and
 * {@link #dest} are addresses whose type the channel's protocols agree on; the {@link Message}
 * holds the bytes. A layer that receives a sendable event from the network inserts a new event of
 * the same class, with the same source, dest and message bytes, created by itself.
 */
public class SendableEvent extends Event {

    /** Sender address, as the protocols of the channel agree; compared with {@code equals}. */
    public Object source;
    /** Destination address (a site, a group, a multicast address). */
    public Object dest;

    private Message message;

    public SendableEvent() {
        this.message = new Message();
    }

    public SendableEvent(Channel channel, Direction dir, Session source) throws AppiaEventException {
        super(channel, dir, source);
        this.message = new Message();
    }

    public SendableEvent(Message msg) {
        this.message = requireMessage(msg);
    }

    public SendableEvent(Channel channel, Direction dir, Session source, Message msg) throws AppiaEventException {
        super(channel, dir, source);
        this.message = requireMessage(msg);
    }

    public Message getMessage() {
        return message;
    }

    public void setMessage(Message m) {
        this.message = requireMessage(m);
    }

    /** A copy with its own copy of the message bytes. */
    @Override
    public Event cloneEvent() throws CloneNotSupportedException {
        SendableEvent copy = (SendableEvent) super.cloneEvent();
        copy.message = message.copy();
        return copy;
    }

    private static Message requireMessage(Message m) {
        if (m == null) {
            throw new IllegalArgumentException("a sendable event needs a message, not null");
        }
        return m;
    }
}
