package org.maftia.appia;

/**
 * The spec's Start event: the first event to flow in a channel, inserted by
 * {@link Channel#start()} at the bottom and flowing up. Events created in response should be sent
 * after calling {@code go()} on it (spec 2.1.3, Channel initialization).
 */
public final class ChannelInit extends ChannelEvent {

    ChannelInit() {
        setQualifier(EventQualifier.notification());
    }
}
