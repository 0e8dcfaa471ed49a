package org.maftia.net.udp;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.DatagramChannel;
import org.maftia.appia.Channel;
import org.maftia.appia.ChannelClose;
import org.maftia.appia.ChannelInit;
import org.maftia.appia.Direction;
import org.maftia.appia.Event;
import org.maftia.appia.Layer;
import org.maftia.appia.SendableEvent;
import org.maftia.net.AppiaMulticast;
import org.maftia.net.EventCodec;
import org.maftia.net.InetWithPort;
import org.maftia.net.MalformedFrameException;
import org.maftia.net.NetworkSession;
import org.maftia.net.RegisterSocketEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The session of {@link UdpSimpleLayer}. A reader thread receives datagrams, decodes them and
 * hands them to the channel in a {@link UdpAsyncEvent}; this session then sends the carried event
 * up as its own (spec 3.1.6). Datagrams that do not decode, or name an event class the channel
 * does not provide, are dropped and counted. The session serves the channel that registered its
 * socket.
 */
public class UdpSimpleSession extends NetworkSession {

    /** The largest UDP payload over IPv4. */
    public static final int MAX_DATAGRAM = 65_507;

    private static final Logger LOG = LoggerFactory.getLogger(UdpSimpleSession.class);

    protected DatagramChannel socket;

    protected UdpSimpleSession(Layer layer) {
        super(layer);
    }

    @Override
    public void handle(Event event) {
        switch (event) {
            case ChannelInit init -> onInit(init);
            case RegisterSocketEvent register when register.getDirection().isDown() -> onRegister(register);
            case UdpAsyncEvent received -> deliver(received.received());
            case SendableEvent sendable when sendable.getDirection().isDown() -> send(sendable);
            case ChannelClose close -> onClose(close);
            default -> event.go();
        }
    }

    protected void onInit(ChannelInit init) {
        bindTo(init.getChannel());
        init.go();
    }

    protected void onRegister(RegisterSocketEvent register) {
        bindTo(register.getChannel());
        if (socket != null) {
            register.answer(null, "this UDP session is already bound to " + local);
        } else {
            try {
                socket = DatagramChannel.open(register.requested().host() instanceof java.net.Inet6Address
                        ? StandardProtocolFamily.INET6 : StandardProtocolFamily.INET);
                socket.setOption(StandardSocketOptions.SO_RCVBUF, 1 << 20);
                socket.bind(register.requested().toSocketAddress());
                local = InetWithPort.of((InetSocketAddress) socket.getLocalAddress());
                startReader(socket, "udp-reader-" + local);
                register.answer(local, null);
            } catch (IOException | RuntimeException e) {
                closeQuietly();
                register.answer(null, "cannot open a UDP socket on " + register.requested() + ": " + e.getMessage());
            }
        }
        reply(register);
    }

    protected void send(SendableEvent event) {
        if (socket == null) {
            counters.recordSendFailure();
            LOG.warn("UDP: dropped a {} sent before a socket was registered", event.getClass().getSimpleName());
            return;
        }
        if (event.source == null) {
            event.source = local;
        }
        InetSocketAddress target = switch (event.dest) {
            case InetWithPort a -> a.toSocketAddress();
            case AppiaMulticast m -> m.group().toSocketAddress();
            case null, default -> null;
        };
        if (target == null) {
            counters.recordSendFailure();
            LOG.warn("UDP: dropped a {} whose dest {} is not an InetWithPort or AppiaMulticast",
                    event.getClass().getSimpleName(), event.dest);
            return;
        }
        byte[] frame = codec.encode(event);
        if (frame.length > MAX_DATAGRAM) {
            counters.recordRefused(MalformedFrameException.Reason.OVERSIZED);
            LOG.warn("UDP: dropped a {} of {} bytes, over the datagram limit of {}; use TCP or fragment it",
                    event.getClass().getSimpleName(), frame.length, MAX_DATAGRAM);
            return;
        }
        try {
            socket.send(ByteBuffer.wrap(frame), target);
            counters.recordSent(frame.length);
        } catch (IOException e) {
            counters.recordSendFailure();
            LOG.debug("UDP send to {} failed: {}", target, e.toString());
        }
    }

    /** Whether a received event is delivered; UdpComplete filters its own multicast echoes. */
    protected boolean accept(SendableEvent received) {
        return true;
    }

    protected void onClose(ChannelClose close) {
        closeQuietly();
        close.go();
    }

    protected final void startReader(DatagramChannel from, String name) {
        Channel target = channel;
        EventCodec decoder = codec;
        Thread.ofVirtual().name(name).start(() -> readLoop(from, target, decoder));
    }

    private void readLoop(DatagramChannel from, Channel target, EventCodec decoder) {
        ByteBuffer buffer = ByteBuffer.allocate(MAX_DATAGRAM + 1);
        while (from.isOpen()) {
            try {
                buffer.clear();
                from.receive(buffer);
                buffer.flip();
                counters.recordReceived(buffer.remaining());
                SendableEvent event = decoder.decode(buffer.array(), 0, buffer.remaining());
                if (accept(event)) {
                    new UdpAsyncEvent(event).asyncGo(target, Direction.up());
                }
            } catch (MalformedFrameException e) {
                counters.recordRefused(e.reason());
                LOG.debug("UDP: refused a datagram: {}", e.getMessage());
            } catch (ClosedChannelException e) {
                return;
            } catch (IOException | RuntimeException e) {
                if (from.isOpen()) {
                    LOG.warn("UDP reader on {} failed: {}", local, e.toString());
                }
            }
        }
    }

    protected void closeQuietly() {
        if (socket != null) {
            try {
                socket.close();
            } catch (IOException e) {
                LOG.debug("closing the UDP socket: {}", e.toString());
            }
        }
    }
}
