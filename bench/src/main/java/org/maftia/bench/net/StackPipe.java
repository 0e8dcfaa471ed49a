package org.maftia.bench.net;

import java.net.InetAddress;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.maftia.appia.Appia;
import org.maftia.appia.Channel;
import org.maftia.appia.ChannelClose;
import org.maftia.appia.ChannelCursor;
import org.maftia.appia.ChannelInit;
import org.maftia.appia.Direction;
import org.maftia.appia.Event;
import org.maftia.appia.Layer;
import org.maftia.appia.QoS;
import org.maftia.appia.SendableEvent;
import org.maftia.appia.Session;
import org.maftia.appia.message.Message;
import org.maftia.group.loopback.LoopbackGroup;
import org.maftia.net.InetWithPort;
import org.maftia.net.NetworkCounters;
import org.maftia.net.RegisterSocketEvent;
import org.maftia.net.group.GroupConfig;
import org.maftia.net.group.SiteConfig;
import org.maftia.net.link.AuthLinkLayer;
import org.maftia.net.link.AuthLinkSession;
import org.maftia.net.link.LinkKeyPair;
import org.maftia.net.link.LinkMode;
import org.maftia.net.link.LinkSettings;
import org.maftia.net.tcp.TcpCompleteLayer;
import org.maftia.net.tcp.TcpCompleteSession;
import org.maftia.net.transport.SiteId;

/**
 * Two sites in this JVM on loopback, each with its own Appia thread and the channel
 * [TcpComplete, AuthLink(mode) or nothing, benchmark app]. The sender's app sends {@link Data}
 * events from its Appia thread (the benchmark thread hands it each chunk with
 * {@link Appia#execute}); the receiver's app checks each one (length, sequence number, sender,
 * and every {@value Payload#FULL_CHECK_EVERY}th message's bytes) and reports it to the
 * {@link Window}. With the link, messages go to {@code SiteId} 1 and arrive from {@code SiteId} 0;
 * without it, they go to the receiver's {@link InetWithPort}.
 */
final class StackPipe implements Pipe {

    /** No authenticated link ({@code NONE}: TcpComplete alone), or the link in one of its modes. */
    enum Link { NONE, MAC, AEAD }

    /** The event the benchmark streams. */
    public static final class Data extends SendableEvent {
    }

    private static final long SETUP_SECONDS = 10;

    private final Link link;
    private final Window window;
    private final Payload sending;
    private final Payload receiving;
    private final Site sender;
    private final Site receiver;
    private final Object dest;
    private final Object expectedSource;
    /** Sender's Appia thread only. */
    private long nextSeq;
    /** Messages the sender's app has sent down, published after each chunk. */
    private volatile long sentDown;

    StackPipe(int size, Link link, Window window) throws Exception {
        this.link = link;
        this.window = window;
        this.sending = new Payload(size);
        this.receiving = new Payload(size);
        int[] ports = LoopbackGroup.freePorts(2);
        GroupConfig group = null;
        List<LinkKeyPair> keys = new ArrayList<>();
        if (link != Link.NONE) {
            SecureRandom random = new SecureRandom();
            List<SiteConfig> sites = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                LinkKeyPair k = LinkKeyPair.generate(random);
                keys.add(k);
                sites.add(new SiteConfig(i, new InetWithPort(InetAddress.getLoopbackAddress(), ports[i]), k.publicKey(), Map.of()));
            }
            group = new GroupConfig("net-bench", 2, 0, sites);
        }
        LinkMode mode = link == Link.AEAD ? LinkMode.AEAD : LinkMode.MAC;
        Site s = null;
        Site r = null;
        try {
            s = new Site("sender", ports[0], group == null ? null : new AuthLinkLayer(new LinkSettings(group, 0, keys.get(0), mode)), false);
            r = new Site("receiver", ports[1], group == null ? null : new AuthLinkLayer(new LinkSettings(group, 1, keys.get(1), mode)), true);
        } catch (Exception | Error e) {
            if (s != null) {
                s.close();
            }
            throw e;
        }
        this.sender = s;
        this.receiver = r;
        this.dest = link == Link.NONE ? receiver.address : SiteId.of(1);
        this.expectedSource = link == Link.NONE ? sender.address : SiteId.of(0);
    }

    @Override
    public void send(int k) {
        sender.appia.execute(() -> {
            for (int i = 0; i < k; i++) {
                Data e = new Data();
                Message m = e.getMessage();
                m.setByteArray(sending.body, 0, sending.body.length);
                m.pushLong(nextSeq++);
                e.dest = dest;
                e.setChannel(sender.channel);
                e.setDirection(Direction.down());
                e.setSource(sender.app);
                e.init();
                e.go();
            }
            sentDown = nextSeq;
        });
    }

    /** Receiver's Appia thread: one Data event arrived at the top of its channel. */
    private void received(Data e) {
        Message m = e.getMessage();
        int length = m.length();
        String error = length < Payload.SEQ_BYTES ? "a message of " + length + " bytes" : null;
        if (error == null) {
            long seq = m.popLong();
            error = receiving.check(length, seq);
            if (error == null && !expectedSource.equals(e.source)) {
                error = "message " + seq + " arrived from " + e.source + ", expected " + expectedSource;
            }
            if (error == null && Payload.fullCheck(seq) && !receiving.bodyEquals(m.toByteArray(), 0)) {
                error = "message " + seq + " arrived with other bytes than were sent";
            }
        }
        if (error != null) {
            window.fail(new IllegalStateException(link + ": " + error));
            return;
        }
        window.arrived();
    }

    @Override
    public void checkHealthy() {
        window.checkFailure();
        NetworkCounters out = sender.tcp.counters();
        NetworkCounters in = receiver.tcp.counters();
        check(out.droppedQueueFull() == 0 && in.droppedQueueFull() == 0, "TcpComplete dropped frames on a full queue: sender "
                + out + "; receiver " + in);
        check(out.sendFailures() == 0 && out.reconnects() == 0, "the sender's TCP link failed: " + out);
        check(out.refusedTotal() == 0 && in.refusedTotal() == 0, "TcpComplete refused frames: sender " + out + "; receiver " + in);
        if (link != Link.NONE) {
            check(sender.link.droppedTotal() == 0 && receiver.link.droppedTotal() == 0, "the authenticated link dropped frames:"
                    + " sender " + sender.link.droppedTotal() + ", receiver " + receiver.link.droppedTotal());
        }
        for (Site site : List.of(sender, receiver)) {
            check(site.appia.failedHandles() == 0 && site.appia.droppedEvents() == 0, site.name + "'s Appia: "
                    + site.appia.failedHandles() + " failed handlers, " + site.appia.droppedEvents() + " dropped events");
        }
    }

    @Override
    public void checkComplete() {
        checkHealthy();
        long sent = window.sent();
        check(sentDown == sent, "the sender's app sent " + sentDown + " messages, the window counted " + sent);
        check(receiving.checked() == sent, "the receiver's app checked " + receiving.checked() + " of " + sent + " messages");
        long frames = receiver.tcp.counters().framesReceived();
        check(frames == sent, "the receiver's TcpComplete read " + frames + " frames for " + sent + " messages");
        if (link != Link.NONE) {
            check(receiver.link.delivered() == sent, "the receiver's link delivered " + receiver.link.delivered() + " of " + sent);
        }
    }

    /**
     * Checks once more, waits (at most 10 s) until the sender's TcpComplete has every frame
     * acknowledged and counted as sent, then closes both sites.
     */
    @Override
    public void close() throws Exception {
        try {
            checkComplete();
            long sent = window.sent();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while ((sender.tcp.queuedBytes(receiver.address) != 0 || sender.tcp.counters().framesSent() != sent)
                    && System.nanoTime() < deadline) {
                Thread.yield();
            }
            check(sender.tcp.queuedBytes(receiver.address) == 0, sender.tcp.queuedBytes(receiver.address)
                    + " bytes still unacknowledged 10 s after the last message arrived");
            check(sender.tcp.counters().framesSent() == sent, "the sender's TcpComplete counted "
                    + sender.tcp.counters().framesSent() + " frames sent for " + sent + " messages");
        } finally {
            try {
                sender.close();
            } finally {
                receiver.close();
            }
        }
    }

    private static void check(boolean ok, String what) {
        if (!ok) {
            throw new IllegalStateException("network benchmark is broken: " + what);
        }
    }


    /** One site: an Appia on its own thread and the channel [TcpComplete, link?, app]. */
    private final class Site {
        final String name;
        final Appia appia = new Appia();
        final Channel channel;
        final Thread loop;
        final App app;
        final TcpCompleteSession tcp;
        final AuthLinkSession link;
        final InetWithPort address;
        private final CompletableFuture<RegisterSocketEvent> registered = new CompletableFuture<>();

        Site(String name, int port, Layer linkLayer, boolean receiving) throws Exception {
            this.name = name;
            Layer[] layers = linkLayer == null
                    ? new Layer[] {new TcpCompleteLayer(), new AppLayer(this, port, receiving)}
                    : new Layer[] {new TcpCompleteLayer(), linkLayer, new AppLayer(this, port, receiving)};
            appia.setErrorHandler((session, event, error) -> window.fail(new IllegalStateException(
                    name + ": " + session + " threw on " + event.getClass().getSimpleName(), error)));
            channel = new QoS("net-bench-" + name, layers).createUnboundChannel(name, appia.getEventScheduler());
            channel.start();
            loop = appia.startThread("appia-" + name);
            RegisterSocketEvent r = registered.get(SETUP_SECONDS, TimeUnit.SECONDS);
            if (!r.succeeded()) {
                appia.stop();
                loop.join();
                throw new IllegalStateException(name + ": " + r.error());
            }
            address = r.bound();
            ChannelCursor c = channel.getCursor();
            c.bottom();
            tcp = (TcpCompleteSession) c.getSession();
            if (linkLayer != null) {
                c.jumpTo(1);
                link = (AuthLinkSession) c.getSession();
            } else {
                link = null;
            }
            c.top();
            app = (App) c.getSession();
        }

        void close() throws Exception {
            CompletableFuture<Void> closed = new CompletableFuture<>();
            appia.execute(() -> {
                channel.end();
                appia.execute(() -> closed.complete(null));
            });
            try {
                closed.get(SETUP_SECONDS, TimeUnit.SECONDS);
            } finally {
                appia.stop();
                loop.join();
            }
        }
    }

    private final class AppLayer extends Layer {
        private final Site site;
        private final int port;
        private final boolean receiving;

        AppLayer(Site site, int port, boolean receiving) {
            this.site = site;
            this.port = port;
            this.receiving = receiving;
            evProvide = events(Data.class, RegisterSocketEvent.class);
            evAccept = events(Data.class, RegisterSocketEvent.class, ChannelInit.class, ChannelClose.class);
        }

        @Override
        public Session createSession() {
            return new App(this, site, port, receiving);
        }
    }

    private final class App extends Session {
        private final Site site;
        private final int port;
        private final boolean receiving;

        App(Layer layer, Site site, int port, boolean receiving) {
            super(layer);
            this.site = site;
            this.port = port;
            this.receiving = receiving;
        }

        @Override
        public void handle(Event event) {
            switch (event) {
                case ChannelInit init -> {
                    init.go();
                    RegisterSocketEvent r = new RegisterSocketEvent(new InetWithPort(InetAddress.getLoopbackAddress(), port));
                    r.setChannel(init.getChannel());
                    r.setDirection(Direction.down());
                    r.setSource(this);
                    r.init();
                    r.go();
                }
                case RegisterSocketEvent r -> site.registered.complete(r);
                case Data d when d.getDirection().isUp() -> {
                    if (receiving) {
                        received(d);
                    } else {
                        window.fail(new IllegalStateException("the sender received a message from " + d.source));
                    }
                }
                default -> event.go();
            }
        }
    }
}
