package org.maftia.ttcb.daemon;

import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.DatagramChannel;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;
import org.maftia.ttcb.core.ControlCodec;
import org.maftia.ttcb.core.ControlEndpoint;
import org.maftia.ttcb.core.Counters;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The control network over UDP on its own sockets and ports (AN1: broadcast emulated by one
 * datagram to each other local TTCB). A receive thread stamps each datagram with the hardware
 * clock on arrival, drops it there unless it comes from a member's address and is sealed by the
 * sender it names (AN8), and hands only authentic frames to the local TTCB's thread, at most
 * {@link #PER_SENDER} of each sender waiting at a time. A flood of forged or replayed frames thus
 * costs the TTCB's thread nothing or a bounded share, and its broadcast rounds stay on time
 * (section 4.1: a late round halts the TTCB). Drops are counted and logged at WARN the first time
 * and at every doubling.
 */
public final class UdpControlNetwork implements ControlEndpoint, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(UdpControlNetwork.class);

    /** Authentic frames of one sender waiting for the TTCB's thread; a correct sender has a few per Ts. */
    static final int PER_SENDER = 256;

    private final DatagramChannel channel;
    private final List<InetSocketAddress> peers;
    private final Set<InetSocketAddress> peerSet;
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
        this.peerSet = Set.copyOf(peers);
    }

    /**
     * Starts reading: each authentic frame runs {@code sink} with (frame, arrival hardware time) on
     * {@code ttcbThread}; the rest are dropped into {@code counters}.
     */
    public void start(org.maftia.appia.time.Clock clock, ControlCodec codec, Counters counters, Executor ttcbThread,
            BiConsumer<byte[], Long> sink) {
        AtomicIntegerArray waiting = new AtomicIntegerArray(codec.size());
        receiver = Thread.ofPlatform().daemon().name("ttcb-control-rx").start(() -> {
            ByteBuffer buf = ByteBuffer.allocate(ControlCodec.MAX_FRAME + 1);
            while (channel.isOpen()) {
                try {
                    buf.clear();
                    var from = channel.receive(buf);
                    long arrival = clock.nanoTime();
                    buf.flip();
                    byte[] frame = new byte[buf.remaining()];
                    buf.get(frame);
                    int sender = peerSet.contains(from) ? codec.authenticSender(frame) : -1;
                    if (sender < 0) {
                        dropped(counters.framesForged, "forged control frames (last from " + from + ")");
                    } else if (waiting.incrementAndGet(sender) > PER_SENDER) {
                        waiting.decrementAndGet(sender);
                        dropped(counters.controlQueueFull, "authentic control frames of local TTCB " + sender + " over its queue share");
                    } else {
                        ttcbThread.execute(() -> {
                            waiting.decrementAndGet(sender);
                            sink.accept(frame, arrival);
                        });
                    }
                } catch (ClosedChannelException e) {
                    return;
                } catch (IOException e) {
                    log.warn("control network receive failed: {}", e.toString());
                }
            }
        });
    }

    /** Counts a drop; WARN on the first and at every doubling, so a flood is visible without flooding the log. */
    private static void dropped(AtomicLong counter, String what) {
        long n = counter.incrementAndGet();
        if (Long.bitCount(n) == 1) {
            log.warn("control network dropped {} {}", n, what);
        }
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
