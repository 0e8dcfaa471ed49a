package org.maftia.net;

import java.net.InetAddress;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
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

/**
 * One site for real-socket tests: its own Appia thread and a channel [network layer, test app].
 * The app registers the socket on start and queues every sendable event it receives.
 */
public final class LoopbackSite implements AutoCloseable {

    /** The event the tests send. */
    public static final class Ping extends SendableEvent {
    }

    /** An event the app does not provide: a frame naming it must be refused. */
    public static final class Unlisted extends SendableEvent {
    }

    public final Appia appia = new Appia();
    public final Channel channel;
    public final LinkedBlockingQueue<SendableEvent> received = new LinkedBlockingQueue<>();
    private final CompletableFuture<RegisterSocketEvent> registered = new CompletableFuture<>();
    private final Thread loop;
    private AppSession app;

    public LoopbackSite(Layer network, int port, Layer... middle) {
        Layer[] layers = new Layer[middle.length + 2];
        layers[0] = network;
        System.arraycopy(middle, 0, layers, 1, middle.length);
        layers[layers.length - 1] = new AppLayer(port);
        channel = new QoS("test", layers).createUnboundChannel("test", appia.getEventScheduler());
        channel.start();
        loop = appia.startThread("site-" + port);
        try {
            registered.get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("the network layer did not answer the socket registration", e);
        }
    }

    /** The registration answer (waits for it). */
    public RegisterSocketEvent registration() throws Exception {
        return registered.get(10, TimeUnit.SECONDS);
    }

    public InetWithPort address() throws Exception {
        RegisterSocketEvent r = registration();
        if (!r.succeeded()) {
            throw new IllegalStateException(r.error());
        }
        return r.bound();
    }

    /** The network session at the bottom of the channel. */
    public Session networkSession() {
        ChannelCursor c = channel.getCursor();
        c.bottom();
        return c.getSession();
    }

    /** Sends a Ping with {@code payload} to {@code dest} from the app, on the Appia thread. */
    public void send(Object dest, byte[] payload) {
        sendFromApp(dest, e -> e.getMessage().setByteArray(payload, 0, payload.length), new Ping());
    }

    /** Sends an event from the app after {@code fill} prepared it. */
    public <E extends SendableEvent> void sendFromApp(Object dest, Consumer<E> fill, E event) {
        appia.execute(() -> {
            fill.accept(event);
            event.dest = dest;
            event.setChannel(channel);
            event.setDirection(Direction.down());
            event.setSource(app);
            event.init();
            event.go();
        });
    }

    /** Inserts {@code event} going down from the app (joins, leaves). */
    public void sendDown(Event event) {
        appia.execute(() -> {
            event.setChannel(channel);
            event.setDirection(Direction.down());
            event.setSource(app);
            event.init();
            event.go();
        });
    }

    /**
     * Waits until this site's loop has handled the events submitted before: the inner task runs
     * in the batch after the one that inserted them, once they were dispatched.
     */
    public void sync() throws Exception {
        CompletableFuture<Void> done = new CompletableFuture<>();
        appia.execute(() -> appia.execute(() -> done.complete(null)));
        done.get(10, TimeUnit.SECONDS);
    }

    public SendableEvent take() throws InterruptedException {
        SendableEvent e = received.poll(10, TimeUnit.SECONDS);
        if (e == null) {
            throw new AssertionError("nothing received within 10 s");
        }
        return e;
    }

    @Override
    public void close() throws InterruptedException {
        CompletableFuture<Void> closed = new CompletableFuture<>();
        appia.execute(() -> {
            if (channel.isStarted() && channel.state() != org.maftia.appia.ChannelState.CLOSING) {
                channel.end();
            }
            appia.execute(() -> closed.complete(null));
        });
        try {
            closed.get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("closing the site failed", e);
        }
        appia.stop();
        loop.join();
    }

    private final class AppLayer extends Layer {
        private final int port;

        AppLayer(int port) {
            this.port = port;
            evProvide = events(Ping.class, RegisterSocketEvent.class, org.maftia.net.udp.AppiaMulticastInitEvent.class,
                    org.maftia.net.udp.AppiaMulticastLeaveEvent.class);
            evAccept = events(SendableEvent.class, RegisterSocketEvent.class, org.maftia.net.udp.AppiaMulticastInitEvent.class,
                    ChannelInit.class, ChannelClose.class);
        }

        @Override
        public Session createSession() {
            app = new AppSession(this, port);
            return app;
        }
    }

    /** Multicast join answers, for the UDP tests. */
    public final LinkedBlockingQueue<org.maftia.net.udp.AppiaMulticastInitEvent> joins = new LinkedBlockingQueue<>();

    private final class AppSession extends Session {
        private final int port;

        AppSession(Layer layer, int port) {
            super(layer);
            this.port = port;
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
                case RegisterSocketEvent r -> registered.complete(r);
                case org.maftia.net.udp.AppiaMulticastInitEvent j -> joins.add(j);
                case SendableEvent s when s.getDirection().isUp() -> received.add(s);
                default -> event.go();
            }
        }
    }
}
