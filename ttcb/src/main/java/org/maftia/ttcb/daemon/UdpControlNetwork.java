package org.maftia.ttcb.daemon;

import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.DatagramChannel;
import java.util.List;
import java.util.function.BiConsumer;
import org.maftia.ttcb.core.ControlCodec;
import org.maftia.ttcb.core.ControlEndpoint;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The control network over UDP on its own sockets and ports (AN1: broadcast emulated by one
 * datagram to each other local TTCB). A receive thread stamps each datagram with the hardware
 * clock on arrival and hands it to the local TTCB's thread.
 */
public final class UdpControlNetwork implements ControlEndpoint, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(UdpControlNetwork.class);

    private final DatagramChannel channel;
    private final List<InetSocketAddress> peers;
    private Thread receiver;

    /**
     * Binds {@code bind} exclusively (no SO_REUSEADDR): a second process on the same port would
     * take a share of the frames, and the others would see this TTCB's omissions as a crash. A port
     * in use, or an address not of this host, is a {@link TtcbConfigException} naming it.
     */
    public UdpControlNetwork(InetSocketAddress bind, List<InetSocketAddress> peers) throws IOException {
        this.channel = DatagramChannel.open();
        try {
            channel.setOption(StandardSocketOptions.SO_REUSEADDR, false);
            channel.setOption(StandardSocketOptions.SO_RCVBUF, 1 << 20);
            channel.bind(bind);
        } catch (BindException e) {
            channel.close();
            throw new TtcbConfigException("members: control address " + bind + " is in use (" + e.getMessage()
                    + "; a ttcbd with the same id, or another program); stop it, or give this TTCB another port in members");
        } catch (IOException e) {
            channel.close();
            throw new TtcbConfigException("members: cannot bind control address " + bind + " (" + e.getMessage()
                    + "); this TTCB's entry in members must be an address of this host");
        }
        this.peers = List.copyOf(peers);
    }

    /** Starts reading; {@code sink} gets (frame, arrival hardware time) on the receive thread. */
    public void start(org.maftia.appia.time.Clock clock, BiConsumer<byte[], Long> sink) {
        receiver = Thread.ofPlatform().daemon().name("ttcb-control-rx").start(() -> {
            ByteBuffer buf = ByteBuffer.allocate(ControlCodec.MAX_FRAME + 1);
            while (channel.isOpen()) {
                try {
                    buf.clear();
                    channel.receive(buf);
                    long arrival = clock.nanoTime();
                    buf.flip();
                    byte[] frame = new byte[buf.remaining()];
                    buf.get(frame);
                    sink.accept(frame, arrival);
                } catch (ClosedChannelException e) {
                    return;
                } catch (IOException e) {
                    log.warn("control network receive failed: {}", e.toString());
                }
            }
        });
    }

    @Override
    public void broadcast(byte[] frame) {
        ByteBuffer b = ByteBuffer.wrap(frame);
        for (InetSocketAddress p : peers) {
            try {
                b.rewind();
                channel.send(b, p);
            } catch (IOException e) {
                // An omission (AN3); the Od + 1 copies are there for it.
                log.debug("control network send to {} failed: {}", p, e.toString());
            }
        }
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
