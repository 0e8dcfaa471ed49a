package org.maftia.group.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.maftia.group.Site;
import org.maftia.group.SiteKeys;
import org.maftia.group.sim.RawInstance;
import org.maftia.group.sim.SimGroup;
import org.maftia.testkit.net.SimulatedNetwork;
import org.maftia.testkit.sim.Simulation;

/**
 * A message is read once (docs/architecture.md, "Threads"): the session decodes
 * it once, in the verification stage when it runs, checks the decoded message there, and hands
 * the handler that same message; a body that does not decode is refused and counted and never
 * reaches the handler.
 */
class DecodeOnceTest {

    private static final int MESSAGES = 10;

    /** The stage holds every message until the test runs it: decoding and checks happen there, never on the handler's side. */
    @Test
    void aHeldStageDecodesAndChecksEachMessageOnceBeforeItsHandler() {
        List<Runnable> held = new ArrayList<>();
        Receiver r = run(held::add, GroupSession.MAX_CHECKING_BYTES);
        assertThat(held).hasSize(MESSAGES);
        assertThat(r.decoded).as("nothing decoded before the stage ran").hasValue(0);
        assertThat(r.handled).isEmpty();

        held.forEach(Runnable::run);
        assertThat(r.decoded).as("decoded in the stage").hasValue(MESSAGES);
        assertThat(r.checked).as("checks of the messages that decoded").hasSize(MESSAGES / 2);
        assertThat(r.handled).as("not handed before the protocol thread takes them back").isEmpty();

        r.sim.runUntilQuiet(1_000_000);
        assertThat(r.decoded).as("never decoded again").hasValue(MESSAGES);
        assertThat(r.handled).as("the handlers got the checked messages themselves").hasSize(MESSAGES / 2)
                .allSatisfy(m -> assertThat(r.checked).anySatisfy(c -> assertThat(c).isSameAs(m)))
                .allSatisfy(m -> assertThat(m.body()[0] % 2).as("only bodies that decode").isZero());
        assertCounted(r);
    }

    /** The same with the stage inline, as in the simulations. */
    @Test
    void anInlineStageDecodesEachMessageOnce() {
        Receiver r = run(null, GroupSession.MAX_CHECKING_BYTES);
        assertThat(r.decoded).hasValue(MESSAGES);
        assertThat(r.checked).hasSize(MESSAGES / 2);
        assertThat(r.handled).hasSize(MESSAGES / 2).allSatisfy(m -> assertThat(m.body()[0] % 2).isZero());
        assertCounted(r);
    }

    /** A full stage hands messages over at once: decoded once on the protocol thread, checks left to the handler. */
    @Test
    void aFullStageDecodesEachMessageOnceOnTheProtocolThread() {
        List<Runnable> held = new ArrayList<>();
        Receiver r = run(held::add, 0);
        assertThat(held).isEmpty();
        assertThat(r.decoded).hasValue(MESSAGES);
        assertThat(r.checked).isEmpty();
        assertThat(r.handled).hasSize(MESSAGES / 2).allSatisfy(m -> assertThat(m.body()[0] % 2).isZero());
        assertThat(r.site.session().counters().stageFull()).isEqualTo(MESSAGES);
        assertCounted(r);
    }

    private static void assertCounted(Receiver r) {
        GroupCounters counters = r.site.session().counters();
        assertThat(counters.rejectedByProtocol()).as("bodies that did not decode").isEqualTo(MESSAGES / 2);
        assertThat(counters.delivered()).as("messages handed to the handler").isEqualTo(MESSAGES / 2);
    }

    /**
     * Site 1 sends {@link #MESSAGES} one-byte bodies 0, 1, 2... to site 0, whose instance decodes
     * even bodies and refuses odd ones; site 0's stage runs on {@code stage} (inline if null).
     */
    private static Receiver run(Executor stage, long checkingBytes) {
        Receiver r = new Receiver();
        SimulatedNetwork net = new SimulatedNetwork(r.sim, 2);
        List<SiteKeys> keys = SimGroup.keys(2);
        Site.Builder receiving = Site.builder("sim", 0, 2, 0).keys(keys.get(0)).appia(r.sim.addSite("receiver").appia())
                .network(net.layerFor(0));
        r.site = SiteRuntime.of((stage == null ? receiving : receiving.verifyOn(stage)).build());
        r.site.onProtocolThread(() -> r.site.session().limitCheckingBytes(checkingBytes));
        SiteRuntime sender = SiteRuntime.of(Site.builder("sim", 1, 2, 0).keys(keys.get(1)).appia(r.sim.addSite("sender").appia())
                .network(net.layerFor(1)).build());
        r.site.start(r.new Counting());
        sender.start(new RawInstance("decode-once") {
            @Override
            protected void onStart() {
                for (int k = 0; k < MESSAGES; k++) {
                    ctx.send(0, new RawMessage(MessageTypes.VBA_VOTE, new byte[] {(byte) k}));
                }
            }

            @Override
            protected void onMessage(int from, int type, byte[] body) {
            }
        });
        r.sim.runUntilQuiet(1_000_000);
        return r;
    }

    private static final class Receiver {
        final Simulation sim = new Simulation(5);
        SiteRuntime site;
        final AtomicInteger decoded = new AtomicInteger();
        final List<RawMessage> checked = Collections.synchronizedList(new ArrayList<>());
        final List<RawMessage> handled = new ArrayList<>();

        /** Decodes even bodies, refuses odd ones, and counts what the session asks of it. */
        final class Counting extends ProtocolInstance<RawMessage> {
            Counting() {
                super("decode-once");
            }

            @Override
            protected RawMessage decode(int type, byte[] body) throws MalformedMessageException {
                decoded.incrementAndGet();
                if (body.length != 1 || body[0] % 2 != 0) {
                    throw new MalformedMessageException("odd body");
                }
                return new RawMessage(type, body);
            }

            @Override
            protected void check(int from, RawMessage message) {
                checked.add(message);
            }

            @Override
            protected void onMessage(int from, RawMessage message) {
                handled.add(message);
            }
        }
    }
}
