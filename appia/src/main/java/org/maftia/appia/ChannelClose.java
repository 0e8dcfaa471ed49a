package org.maftia.appia;

/**
 * The spec's Stop event, inserted by {@link Channel#end()} at the bottom and flowing up. A session
 * that receives it must not introduce more events but must still handle the ones it receives;
 * when it leaves the top the channel stops and every layer is told through
 * {@link Layer#channelDispose}. Sessions that accept it must forward it.
 */
public final class ChannelClose extends ChannelEvent {

    ChannelClose() {
        setQualifier(EventQualifier.notification());
    }
}
