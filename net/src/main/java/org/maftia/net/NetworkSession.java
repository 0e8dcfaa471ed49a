package org.maftia.net;

import org.maftia.appia.Channel;
import org.maftia.appia.Direction;
import org.maftia.appia.Event;
import org.maftia.appia.Layer;
import org.maftia.appia.SendableEvent;
import org.maftia.appia.Session;

/**
 * What the sessions at the bottom of a channel share (UDP, TCP): the channel they serve and its
 * frame codec, the local address, the counters, and how a received event enters the channel
 * (spec 2.1.3: created by the session that took it from the network, going up).
 */
public abstract class NetworkSession extends Session {

    protected final NetworkCounters counters = new NetworkCounters();
    protected Channel channel;
    protected EventCodec codec;
    protected InetWithPort local;

    protected NetworkSession(Layer layer) {
        super(layer);
    }

    public NetworkCounters counters() {
        return counters;
    }

    /** The address the socket is bound to, or null before registration. */
    public InetWithPort localAddress() {
        return local;
    }

    /** Serves {@code c} from now on (the first channel that initialises or registers). */
    protected final void bindTo(Channel c) {
        if (channel == null) {
            channel = c;
            codec = EventCodec.forChannel(c);
        }
    }

    /** Sends a received event up as this session's own. */
    protected final void deliver(SendableEvent received) {
        if (channel == null || !channel.isStarted()) {
            return;
        }
        received.setChannel(channel);
        received.setDirection(Direction.up());
        received.setSource(this);
        received.init();
        received.go();
    }

    /** Turns a request event around with its answer filled in. */
    protected final void reply(Event request) {
        request.getDirection().invert();
        request.setSource(this);
        request.init();
        request.go();
    }
}
