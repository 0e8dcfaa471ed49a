package org.maftia.group.core;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import org.maftia.appia.Channel;
import org.maftia.appia.ChannelInit;
import org.maftia.appia.Direction;
import org.maftia.appia.Event;
import org.maftia.appia.Session;
import org.maftia.appia.time.Clock;
import org.maftia.net.InetWithPort;
import org.maftia.net.RegisterSocketEvent;
import org.maftia.net.transport.SiteAddress;
import org.maftia.net.transport.SiteId;
import org.maftia.net.transport.Transport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The session of {@link GroupLayer}. Messages for an instance this site has not created yet (a
 * broadcast it will receive, a sub-protocol not started) wait in the {@link WaitingRoom}, bounded
 * in bytes per sender: a Byzantine site inventing protocol ids, or filling the id of a future
 * instance, spends its own share of the room and cannot evict an honest sender's messages.
 *
 * <p>A message for a known instance first goes through the {@link VerificationStage}, which
 * decodes it once ({@link ProtocolInstance#decode}) and runs its declared
 * {@linkplain ProtocolInstance#check checks} on its pool; the decoded message then goes back to
 * the protocol thread, to the instance's handler. A message that does not decode is refused and
 * counted there, never handed over. Messages may overtake each other in the stage, as they may on
 * the network (the protocols assume reliable links, not FIFO ones). At most {@link #MAX_CHECKING}
 * messages and {@link #MAX_CHECKING_BYTES} bytes of bodies are in the stage; beyond that a
 * message is decoded on the protocol thread and handed over at once, its checks left to its
 * handler, so nothing is lost and nothing piles up there.
 */
public final class GroupSession extends Session {

    /**
     * Finished ids remembered so their late messages are ignored without waiting. Only this site's
     * own instances enter, when they finish, so the set moves at the pace the protocols finish
     * with honest parties' help (a Byzantine sender's stream lane no faster than any lane): no
     * message pushes an id out. An id pushed out by progress only makes a very late message for
     * it wait in the room, under its sender's bound, instead of being counted late.
     */
    static final int MAX_FINISHED_IDS = 65_536;
    /**
     * Messages in the verification stage at once; with at most three checks each, their verdicts
     * fit in {@link VerifiedAhead#CAPACITY}.
     */
    static final int MAX_CHECKING = 4096;
    /**
     * Bytes of message bodies in the verification stage at once: four of the largest frames (16
     * MiB), so large messages are still checked ahead while a flood of them cannot hold thousands
     * of frames in memory waiting for the pool.
     */
    static final long MAX_CHECKING_BYTES = 64L << 20;

    private static final Logger LOG = LoggerFactory.getLogger(GroupSession.class);

    private final GroupParameters parameters;
    private final GroupKeys keys;
    private final VerificationStage stage;
    private int checking;
    private long checkingBytes;
    private long maxCheckingBytes = MAX_CHECKING_BYTES;
    private final GroupCounters counters;
    private final Map<String, ProtocolInstance<?>> instances = new HashMap<>();
    private WaitingRoom waiting;
    private final LinkedHashMap<String, Boolean> finished = new LinkedHashMap<>(16, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
            return size() > MAX_FINISHED_IDS;
        }
    };
    private Channel channel;
    private final java.util.List<ProtocolInstance<?>> startAtInit = new java.util.ArrayList<>();

    private final InetWithPort listen;
    private final CompletableFuture<InetWithPort> listening = new CompletableFuture<>();

    GroupSession(GroupLayer layer, GroupParameters parameters, GroupKeys keys, InetWithPort listen, VerificationStage stage) {
        super(layer);
        this.parameters = parameters;
        this.keys = keys;
        this.stage = stage;
        this.listen = listen;
        this.counters = new GroupCounters(parameters.n());
        this.waiting = new WaitingRoom(parameters.n(), WaitingRoom.Bounds.DEFAULT, counters);
        if (listen == null) {
            listening.complete(null);
        }
    }

    /** Completes when the network layer listens (at once on a simulated network), or fails with why. */
    public CompletableFuture<InetWithPort> listening() {
        return listening;
    }

    /** The group session at the top of {@code channel}, a site's channel. */
    public static GroupSession of(Channel channel) {
        org.maftia.appia.ChannelCursor c = channel.getCursor();
        c.top();
        return (GroupSession) c.getSession();
    }

    /** The site's threshold keys, as the protocols use them. */
    public GroupKeys keys() {
        return keys;
    }

    public GroupParameters parameters() {
        return parameters;
    }

    public GroupCounters counters() {
        return counters;
    }

    /** Active instances, for tests and monitoring. */
    public int activeInstances() {
        return instances.size();
    }

    /** Bytes waiting for instances not started yet, as the waiting room counts them; for tests and monitoring. */
    public long waitingBytes() {
        return waiting.bytes();
    }

    /** Smaller bounds for the waiting room, for tests; on the protocol thread, before anything waits. */
    void limitWaitingRoom(WaitingRoom.Bounds bounds) {
        if (waiting.bytes() > 0) {
            throw new IllegalStateException("the waiting room is bounded before anything waits");
        }
        waiting = new WaitingRoom(parameters.n(), bounds, counters);
    }

    /** A smaller byte bound for the verification stage, for tests; on the protocol thread. */
    void limitCheckingBytes(long bytes) {
        maxCheckingBytes = bytes;
    }

    /** Starts {@code instance}; on the protocol thread. Messages that waited for it are handed over. */
    public void start(ProtocolInstance<?> instance) {
        if (instance.state().ended()) {
            return; // aborted before its site started it
        }
        String id = instance.protocolId();
        if (instances.containsKey(id) || finished.containsKey(id)) {
            throw new IllegalStateException("protocol instance '" + id + "' already exists at site " + parameters.self()
                    + "; protocol ids must be unique in a group");
        }
        instances.put(id, instance);
        if (channel == null) {
            // The channel's Start event has not reached this session yet: start with it.
            startAtInit.add(instance);
            return;
        }
        attach(instance);
    }

    private void attach(ProtocolInstance<?> instance) {
        String id = instance.protocolId();
        instance.attach(new Context(instance));
        for (WaitingRoom.Waiting w : waiting.take(id)) {
            hand(instance, w.from, w.type, w.body);
        }
    }

    @Override
    public void handle(Event event) {
        switch (event) {
            case ChannelInit init -> {
                channel = init.getChannel();
                init.go();
                if (listen != null) {
                    RegisterSocketEvent register = new RegisterSocketEvent(listen);
                    register.setChannel(channel);
                    register.setDirection(Direction.down());
                    register.setSource(this);
                    register.init();
                    register.go();
                }
                startAtInit.forEach(this::attach);
                startAtInit.clear();
            }
            case RegisterSocketEvent answer when answer.getDirection().isUp() -> {
                if (answer.succeeded()) {
                    listening.complete(answer.bound());
                } else {
                    LOG.error("site {}: {}", parameters.self(), answer.error());
                    listening.completeExceptionally(new IllegalStateException(answer.error()));
                }
            }
            case GroupMessageEvent message when message.getDirection().isUp() -> receive(message);
            default -> event.go();
        }
    }

    private void receive(GroupMessageEvent message) {
        int from = Transport.sender(message);
        if (from < 0 || from >= parameters.n()) {
            counters.unauthenticated.increment();
            return;
        }
        Envelope envelope;
        try {
            envelope = Envelope.readFrom(message.getMessage());
        } catch (MalformedMessageException e) {
            counters.malformed.increment();
            LOG.debug("site {}: malformed group message from {}: {}", parameters.self(), from, e.getMessage());
            return;
        }
        ProtocolInstance<?> instance = instances.get(envelope.protocolId());
        if (instance != null) {
            hand(instance, from, envelope.type(), envelope.body());
        } else if (finished.containsKey(envelope.protocolId())) {
            counters.late.increment();
        } else {
            waiting.admit(from, envelope.protocolId(), envelope.type(), envelope.body());
        }
    }

    /**
     * Hands a message to {@code instance} through the verification stage: decoded once, checked
     * there, then handled on the protocol thread.
     */
    private <M extends WireMessage> void hand(ProtocolInstance<M> instance, int from, int type, byte[] body) {
        if (stage.inline()) {
            Decoded<M> decoded = decode(instance, type, body);
            if (decoded.message() != null) {
                check(instance, from, decoded.message());
            }
            deliver(instance, from, decoded);
            return;
        }
        if (checking >= MAX_CHECKING || checkingBytes + body.length > maxCheckingBytes) {
            counters.stageFull.increment();
            deliver(instance, from, decode(instance, type, body));
            return;
        }
        checking++;
        checkingBytes += body.length;
        var loop = channel.getEventScheduler().getAppia();
        try {
            stage.execute(() -> {
                Decoded<M> decoded;
                try {
                    decoded = decode(instance, type, body);
                } catch (RuntimeException e) {
                    // A decoder's bug: it fails on the protocol thread, as it would inline.
                    decoded = new Decoded<>(null, e);
                }
                if (decoded.message() != null) {
                    check(instance, from, decoded.message());
                }
                Decoded<M> ready = decoded;
                loop.execute(() -> {
                    checking--;
                    checkingBytes -= body.length;
                    if (instances.get(instance.protocolId()) == instance) {
                        deliver(instance, from, ready);
                    } else {
                        counters.late.increment();
                    }
                });
            });
        } catch (RejectedExecutionException e) {
            // A deployment's own executor that refuses work (shut down, bounded queue): the
            // message is decoded here and its handler makes the checks, as when the stage is full.
            checking--;
            checkingBytes -= body.length;
            counters.stageFull.increment();
            deliver(instance, from, decode(instance, type, body));
        }
    }

    /** A message as its instance decoded it, or why it did not decode. */
    private record Decoded<M>(M message, Exception refused) {
    }

    private static <M extends WireMessage> Decoded<M> decode(ProtocolInstance<M> instance, int type, byte[] body) {
        try {
            return new Decoded<>(instance.decode(type, body), null);
        } catch (MalformedMessageException e) {
            return new Decoded<>(null, e);
        }
    }

    private <M extends WireMessage> void check(ProtocolInstance<M> instance, int from, M message) {
        try {
            VerifiedAhead.asStage(() -> instance.check(from, message));
        } catch (RuntimeException e) {
            // The handler meets the same problem and refuses the message; nothing is lost here.
            LOG.debug("site {}: checks of {} failed on a message from {}: {}", parameters.self(),
                    instance.protocolId(), from, e.toString());
        }
    }

    /** Hands a decoded message to its handler; one that did not decode is refused and counted, never handed. */
    private <M extends WireMessage> void deliver(ProtocolInstance<M> instance, int from, Decoded<M> decoded) {
        if (decoded.refused() instanceof RuntimeException bug) {
            throw bug;
        }
        if (decoded.message() == null) {
            counters.rejectedByProtocol.increment();
            LOG.debug("site {}: {} refused a message from {}: {}", parameters.self(), instance.protocolId(), from,
                    decoded.refused().getMessage());
            return;
        }
        try {
            counters.delivered.increment();
            instance.onMessage(from, decoded.message());
        } catch (MalformedMessageException e) {
            counters.rejectedByProtocol.increment();
            LOG.debug("site {}: {} refused a message from {}: {}", parameters.self(), instance.protocolId(), from, e.getMessage());
        }
    }

    /** The context of one instance: how it sends, and how it finishes. */
    private final class Context extends InstanceContext {

        Context(ProtocolInstance<?> owner) {
            super(owner, parameters);
        }

        @Override
        public void send(int to, WireMessage message) {
            transmit(SiteId.of(to), message);
        }

        @Override
        public void sendAll(WireMessage message) {
            transmit(SiteAddress.ALL, message);
        }

        @Override
        void startAdopted(ProtocolInstance<?> child) {
            GroupSession.this.start(child);
        }

        @Override
        public void finished() {
            if (instances.remove(protocolId) != null) {
                finished.put(protocolId, Boolean.TRUE);
            }
        }

        @Override
        public Clock clock() {
            return channel.getClock();
        }

        private void transmit(SiteAddress to, WireMessage message) {
            GroupMessageEvent e = new GroupMessageEvent();
            new Envelope(protocolId, message.type(), message.body()).writeTo(e.getMessage());
            Transport.send(GroupSession.this, channel, e, to);
        }
    }
}
