package org.maftia.appia;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.maftia.appia.QoSTest.sessionAt;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.maftia.appia.AppiaEventException.Reason;
import org.maftia.appia.ScriptLayer.ScriptSession;
import org.maftia.appia.TestEvents.Data;
import org.maftia.appia.TestEvents.Ping;
import org.maftia.appia.TestEvents.Pong;
import org.maftia.appia.time.VirtualClock;
import org.junit.jupiter.api.Test;

class EventTest {

    private final List<String> log = new ArrayList<>();
    private final Appia appia = new Appia(new VirtualClock());
    private final ScriptLayer bottom = new ScriptLayer("bottom", log).provides(Pong.class, EchoEvent.class).accepts(Ping.class, Pong.class, EchoEvent.class);
    private final ScriptLayer middle = new ScriptLayer("middle", log).accepts(Ping.class);
    private final ScriptLayer quiet = new ScriptLayer("quiet", log).accepts(Data.class);
    private final ScriptLayer top = new ScriptLayer("top", log).provides(Ping.class, Data.class, EchoEvent.class).accepts(Ping.class, Pong.class);
    private final Channel channel = new QoS("q", new Layer[] {bottom, middle, quiet, top})
            .createUnboundChannel("c", appia.getEventScheduler());

    private ScriptSession session(int position) {
        return (ScriptSession) sessionAt(channel, position);
    }

    private void start() {
        channel.start();
        appia.runUntilIdle(100);
        log.clear();
    }

    @Test
    void downAndUpRoutesVisitOnlyAcceptingSessionsInOrder() {
        start();
        session(3).send(new Ping(), channel, Direction.down());
        session(0).send(new Pong(), channel, Direction.up());
        appia.runUntilIdle(100);

        assertThat(log).containsExactly("middle:Ping:DOWN", "top:Pong:UP", "bottom:Ping:DOWN");
    }

    @Test
    void eventsAreHandledInFifoOrderAcrossTheChannel() {
        start();
        List<Integer> atBottom = new ArrayList<>();
        bottom.onEvent((s, e) -> atBottom.add(((Ping) e).id));
        for (int i = 0; i < 50; i++) {
            session(3).send(new Ping(i), channel, Direction.down());
        }
        appia.runUntilIdle(1000);

        assertThat(atBottom).containsExactlyElementsOf(java.util.stream.IntStream.range(0, 50).boxed().toList());
    }

    @Test
    void initRefusesMissingOrInconsistentAttributes() {
        start();
        ScriptSession topSession = session(3);

        assertThatThrownBy(() -> new Ping().init()).satisfies(e -> assertReason(e, Reason.NO_CHANNEL));
        assertThatThrownBy(() -> new Event(channel, null, topSession)).satisfies(e -> assertReason(e, Reason.NO_DIRECTION));
        assertThatThrownBy(() -> new Event(channel, Direction.up(), null)).satisfies(e -> assertReason(e, Reason.NO_SOURCE));
        Session stranger = new ScriptLayer("stranger", log).createSession();
        assertThatThrownBy(() -> new Event(channel, Direction.up(), stranger))
                .satisfies(e -> assertReason(e, Reason.SOURCE_NOT_IN_CHANNEL));
        assertThatThrownBy(() -> new Ping().go()).satisfies(e -> assertReason(e, Reason.NOT_INITIALIZED));
    }

    @Test
    void sendingAnEventTheLayerDoesNotProvideFailsFast() {
        start();
        assertThatThrownBy(() -> session(1).send(new Ping(), channel, Direction.down()))
                .satisfies(e -> assertReason(e, Reason.NOT_PROVIDED))
                .hasMessageContaining("middle does not declare Ping in evProvide");
        assertThatThrownBy(() -> session(3).send(new Pong(), channel, Direction.down()))
                .satisfies(e -> assertReason(e, Reason.NOT_PROVIDED));
        appia.runUntilIdle(100);
        assertThat(log).isEmpty();
    }

    @Test
    void anEventCannotBeQueuedTwice() {
        start();
        Ping ping = session(3).send(new Ping(), channel, Direction.down());
        assertThatThrownBy(ping::go).satisfies(e -> assertReason(e, Reason.ALREADY_QUEUED));
    }

    @Test
    void aSessionTurnsAnEventAroundByInvertingAndReinitialising() {
        start();
        bottom.provides(Ping.class);
        Channel bouncing = new QoS("b", new Layer[] {bottom, middle, top}).createUnboundChannel("b", appia.getEventScheduler());
        bottom.onEvent((s, e) -> {
            if (e instanceof Ping && e.getDirection().isDown()) {
                e.getDirection().invert();
                e.setSource(s);
                e.init();
            }
            e.go();
        });
        bouncing.start();
        appia.runUntilIdle(100);
        log.clear();

        ((ScriptSession) sessionAt(bouncing, 2)).send(new Ping(), bouncing, Direction.down());
        appia.runUntilIdle(100);

        assertThat(log).containsExactly("middle:Ping:DOWN", "bottom:Ping:DOWN", "middle:Ping:UP", "top:Ping:UP");
    }

    @Test
    void anEchoIsTurnedAroundAtTheBottomCarryingTheSameInstance() {
        start();
        Ping carried = new Ping(3);

        new EchoEvent(carried, channel, Direction.down(), session(3)).go();
        appia.runUntilIdle(100);

        assertThat(log).containsExactly("bottom:EchoEvent:DOWN", "bottom:Ping:UP", "middle:Ping:UP", "top:Ping:UP");
        assertThat(session(3).seen).last().isSameAs(carried);
        assertThat(carried.getSource()).isNull();
        assertThat(carried.getChannel()).isSameAs(channel);
    }

    @Test
    void anEchoIsTurnedAroundAtTheTop() {
        start();
        Pong carried = new Pong();

        new EchoEvent(carried, channel, Direction.up(), session(0)).go();
        appia.runUntilIdle(100);

        assertThat(log).containsExactly("top:Pong:DOWN", "bottom:Pong:DOWN");
        assertThat(session(0).seen.getLast()).isSameAs(carried);
    }

    @Test
    void anEchoMustCarryAnEventItsLauncherProvides() {
        start();
        assertThatThrownBy(() -> new EchoEvent(new Data(), channel, Direction.up(), session(0)))
                .satisfies(e -> assertReason(e, Reason.NOT_PROVIDED))
                .hasMessageContaining("carried Data");
    }

    @Test
    void cloneEventGivesAnUninitialisedCopyWithItsOwnDirectionAndMessage() throws Exception {
        start();
        Data data = new Data();
        data.getMessage().pushInt(42);
        data.dest = "site-1";
        data.setChannel(channel);
        data.setDirection(Direction.down());
        data.setSource(session(3));
        data.init();

        Data copy = (Data) data.cloneEvent();
        copy.getDirection().invert();
        copy.getMessage().pushInt(1);

        assertThat(data.getDirection().isDown()).isTrue();
        assertThat(data.getMessage().length()).isEqualTo(4);
        assertThat(copy.getMessage().length()).isEqualTo(8);
        assertThat(copy.dest).isEqualTo("site-1");
        assertThatThrownBy(copy::go).satisfies(e -> assertReason(e, Reason.NOT_INITIALIZED));
    }

    @Test
    void goFromAnotherThreadWhileTheLoopRunsIsRefused() throws Exception {
        Appia realTime = new Appia();
        Channel c = new QoS("q", new Layer[] {new ScriptLayer("b", log).accepts(Ping.class),
                new ScriptLayer("t", log).provides(Ping.class)}).createUnboundChannel("c", realTime.getEventScheduler());
        c.start();
        Session sender = sessionAt(c, 1);
        Thread loop = realTime.startThread("loop");
        try {
            CompletableFuture<Void> running = new CompletableFuture<>();
            realTime.execute(() -> running.complete(null));
            running.get(10, TimeUnit.SECONDS);

            assertThatThrownBy(() -> new Ping().go()).isInstanceOf(AppiaEventException.class);
            Ping ping = new Ping();
            ping.setChannel(c);
            ping.setDirection(Direction.down());
            ping.setSource(sender);
            ping.init();
            assertThatThrownBy(ping::go).satisfies(e -> assertReason(e, Reason.WRONG_THREAD))
                    .hasMessageContaining("use asyncGo");
        } finally {
            realTime.stop();
            loop.join();
        }
    }

    @Test
    void directionAndQualifierValuesAreChecked() {
        assertThatThrownBy(() -> new Direction(3)).isInstanceOf(IllegalArgumentException.class);
        Direction d = Direction.up();
        d.invert();
        assertThat(d.direction).isEqualTo(Direction.DOWN);
        assertThatThrownBy(() -> new EventQualifier(5)).satisfies(e -> assertReason(e, Reason.BAD_QUALIFIER));
        EventQualifier q = new EventQualifier();
        assertThat(q.isSet()).isTrue();
        q.set(EventQualifier.OFF);
        assertThat(q.isCancel()).isTrue();
        q.set(EventQualifier.NOTIFY);
        assertThat(q.isNotify()).isTrue();
    }

    static void assertReason(Throwable e, Reason reason) {
        assertThat(e).isInstanceOf(AppiaEventException.class);
        assertThat(((AppiaEventException) e).reason()).isEqualTo(reason);
    }
}
