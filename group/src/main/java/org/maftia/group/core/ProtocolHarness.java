package org.maftia.group.core;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.maftia.appia.time.Clock;
import org.maftia.appia.time.VirtualClock;

/**
 * Drives one protocol instance by hand, with no network and no threads: the test plays the other
 * parties. It hands the instance messages as if they came from party {@code from}
 * ({@link #receive}), sees what the instance sent ({@link #sent()}, {@link #take}), and gets the
 * instance's failures thrown into the test, a refused message included (as
 * {@link MalformedMessageException}). Sub-protocols the instance starts are attached here too and
 * take messages by their own id. It ships with the core, as the protocols' tests in every module
 * above this one use it to unit-test what they build on {@link ProtocolInstance}.
 *
 * <pre>
 * var h = ProtocolHarness.of(new Rbc("rb", 0, Rbc.DEFAULT_MAX_PAYLOAD, delivered::add), 1, 4, 1);
 * h.receive(0, MessageTypes.RBC_SEND, payload);
 * assertThat(h.take(MessageTypes.RBC_ECHO)).hasSize(1);
 * </pre>
 */
public final class ProtocolHarness {

    /** One message the instance sent: to a party, or to all ({@link #ALL}). */
    public record Sent(String protocolId, int to, int type, byte[] body) {
    }

    /** The destination of a message sent to every party. */
    public static final int ALL = -1;

    private final GroupParameters parameters;
    private final VirtualClock clock = new VirtualClock();
    private final Map<String, ProtocolInstance<?>> running = new LinkedHashMap<>();
    private final List<String> finished = new ArrayList<>();
    private final ArrayDeque<Sent> outbox = new ArrayDeque<>();

    private ProtocolHarness(GroupParameters parameters) {
        this.parameters = parameters;
    }

    /** Attaches {@code instance} as party {@code self} of a group of n tolerating t, and runs its start. */
    public static ProtocolHarness of(ProtocolInstance<?> instance, int self, int n, int t) {
        ProtocolHarness h = new ProtocolHarness(new GroupParameters("harness", self, n, t));
        h.start(instance);
        return h;
    }

    private void start(ProtocolInstance<?> instance) {
        if (running.put(instance.protocolId(), instance) != null) {
            throw new IllegalStateException("instance " + instance.protocolId() + " started twice");
        }
        instance.attach(new Context(instance));
    }

    /** Hands the root instance a message from {@code from}. */
    public void receive(int from, int type, byte[] body) throws MalformedMessageException {
        receive(running.keySet().iterator().next(), from, type, body);
    }

    /**
     * Hands instance {@code protocolId} (the root or a sub-protocol it started) a message from
     * {@code from} as its site would: decoded once, checked, then handled.
     */
    public void receive(String protocolId, int from, int type, byte[] body) throws MalformedMessageException {
        ProtocolInstance<?> instance = running.get(protocolId);
        if (instance == null) {
            throw new IllegalStateException("no running instance '" + protocolId + "' (running: " + running.keySet()
                    + ", finished: " + finished + ")");
        }
        hand(instance, from, type, body);
    }

    private static <M extends WireMessage> void hand(ProtocolInstance<M> instance, int from, int type, byte[] body)
            throws MalformedMessageException {
        M message = instance.decode(type, body);
        VerifiedAhead.asStage(() -> instance.check(from, message));
        instance.onMessage(from, message);
    }

    /** Everything sent so far and not yet taken, oldest first; taking none. */
    public List<Sent> sent() {
        return List.copyOf(outbox);
    }

    /** Takes and returns the messages of {@code type} sent so far. */
    public List<Sent> take(int type) {
        List<Sent> taken = new ArrayList<>();
        outbox.removeIf(s -> {
            if (s.type() == type) {
                taken.add(s);
                return true;
            }
            return false;
        });
        return taken;
    }

    /** True once instance {@code protocolId} finished. */
    public boolean finished(String protocolId) {
        return finished.contains(protocolId);
    }

    /** The instances running, by id (the root first, then the sub-protocols in the order started). */
    public Map<String, ProtocolInstance<?>> running() {
        return Map.copyOf(running);
    }

    public VirtualClock clock() {
        return clock;
    }

    private final class Context extends InstanceContext {

        Context(ProtocolInstance<?> owner) {
            super(owner, parameters);
        }

        @Override
        public void send(int to, WireMessage message) {
            if (to < 0 || to >= parameters.n()) {
                throw new IllegalArgumentException(protocolId + " sent to party " + to + " of " + parameters.n());
            }
            outbox.add(new Sent(protocolId, to, message.type(), message.body().clone()));
        }

        @Override
        public void sendAll(WireMessage message) {
            outbox.add(new Sent(protocolId, ALL, message.type(), message.body().clone()));
        }

        @Override
        void startAdopted(ProtocolInstance<?> child) {
            ProtocolHarness.this.start(child);
        }

        @Override
        public void finished() {
            if (running.remove(protocolId) != null) {
                finished.add(protocolId);
            }
        }

        @Override
        public Clock clock() {
            return clock;
        }
    }
}
