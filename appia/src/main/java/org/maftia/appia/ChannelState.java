package org.maftia.appia;

import java.util.EnumSet;
import java.util.Set;

/** Lifecycle of a {@link Channel}, with its legal transitions checked on every change. */
public enum ChannelState {
    /** Created, sessions being bound; no event flows. */
    CREATED,
    /** Started: the Start event has been inserted; events flow. */
    RUNNING,
    /** {@code end()} inserted the Stop event; events still flow until it leaves the top. */
    CLOSING,
    /** The Stop event left the top: no more events; {@code start()} may restart the channel. */
    STOPPED;

    private Set<ChannelState> next;

    static {
        CREATED.next = EnumSet.of(RUNNING);
        RUNNING.next = EnumSet.of(CLOSING);
        CLOSING.next = EnumSet.of(STOPPED);
        STOPPED.next = EnumSet.of(RUNNING);
    }

    boolean canMoveTo(ChannelState target) {
        return next.contains(target);
    }
}
