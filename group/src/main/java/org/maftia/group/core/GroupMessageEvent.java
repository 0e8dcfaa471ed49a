package org.maftia.group.core;

import org.maftia.appia.SendableEvent;

/**
 * The one sendable event that carries every group protocol's messages between sites (spec 5.2.1,
 * convention 3: messages are (protocolID, i, j, payload); the sender i and receiver j are the
 * authenticated source and dest). Its message holds an {@link Envelope}.
 */
public final class GroupMessageEvent extends SendableEvent {

    public GroupMessageEvent() {
    }
}
