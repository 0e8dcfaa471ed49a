package org.maftia.node.demo;

import org.maftia.appia.SendableEvent;

/** A message of the demo's load generator; its payload starts with its index. */
public final class DemoMessage extends SendableEvent {

    /** Index of the message, kept in the event so a tracer can follow one message. */
    long index;

    public DemoMessage() {
    }

    public long index() {
        return index;
    }
}
