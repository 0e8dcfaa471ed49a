package org.maftia.appia;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.maftia.appia.ScriptLayer.ScriptSession;
import org.maftia.appia.TestEvents.LoudPing;
import org.maftia.appia.TestEvents.Ping;
import org.maftia.appia.TestEvents.Pong;
import org.maftia.appia.time.VirtualClock;
import org.junit.jupiter.api.Test;

class QoSTest {

    private final List<String> log = new ArrayList<>();
    private final Appia appia = new Appia(new VirtualClock());

    @Test
    void refusesACompositionWhoseRequiredEventNobodyProvides() {
        ScriptLayer bottom = new ScriptLayer("bottom", log).accepts(Ping.class);
        ScriptLayer top = new ScriptLayer("top", log).requires(Pong.class);

        assertThatThrownBy(() -> new QoS("q", new Layer[] {bottom, top}))
                .isInstanceOf(AppiaInvalidQoS.class)
                .hasMessageContaining("top (position 1) requires Pong")
                .hasMessageContaining("no layer of the QoS provides");
    }

    @Test
    void aRequirementIsMetByAProviderOfTheClassOrOfASubclassOrByTheChannel() {
        ScriptLayer sub = new ScriptLayer("sub", log).provides(LoudPing.class);
        ScriptLayer needsPing = new ScriptLayer("needsPing", log).requires(Ping.class, ChannelInit.class, ChannelClose.class);

        assertThat(new QoS("q", new Layer[] {sub, needsPing}).size()).isEqualTo(2);
    }

    @Test
    void refusesEmptyNullAndRepeatedLayers() {
        ScriptLayer a = new ScriptLayer("a", log);
        assertThatThrownBy(() -> new QoS("q", new Layer[0])).isInstanceOf(AppiaInvalidQoS.class).hasMessageContaining("no layers");
        assertThatThrownBy(() -> new QoS("q", new Layer[] {a, null})).isInstanceOf(AppiaInvalidQoS.class).hasMessageContaining("position 1 is null");
        assertThatThrownBy(() -> new QoS("q", new Layer[] {a, a})).isInstanceOf(AppiaInvalidQoS.class).hasMessageContaining("two positions");
        assertThatThrownBy(() -> new QoS(" ", new Layer[] {a})).isInstanceOf(AppiaInvalidQoS.class);
    }

    @Test
    @SuppressWarnings({"unchecked", "rawtypes"})
    void refusesDeclarationsThatAreNotEventClasses() {
        ScriptLayer a = new ScriptLayer("a", log);
        a.evAccept = (Class[]) new Class[] {String.class};
        assertThatThrownBy(() -> new QoS("q", new Layer[] {a}))
                .isInstanceOf(AppiaInvalidQoS.class).hasMessageContaining("a.evAccept contains class java.lang.String");
    }

    @Test
    void anEventReachesOnlyTheLayersThatAcceptItsClassOrASuperclass() {
        ScriptLayer bottom = new ScriptLayer("bottom", log).accepts(Ping.class);
        ScriptLayer onlyLoud = new ScriptLayer("onlyLoud", log).accepts(LoudPing.class);
        ScriptLayer deaf = new ScriptLayer("deaf", log).accepts(Pong.class);
        ScriptLayer top = new ScriptLayer("top", log).provides(Ping.class).accepts(Event.class);
        Channel channel = startedChannel(bottom, onlyLoud, deaf, top);
        ScriptSession sender = (ScriptSession) sessionAt(channel, 3);
        log.clear();

        sender.send(new Ping(), channel, Direction.down());
        sender.send(new LoudPing(), channel, Direction.down());
        appia.runUntilIdle(100);

        assertThat(log).containsExactly("bottom:Ping:DOWN", "onlyLoud:LoudPing:DOWN", "bottom:LoudPing:DOWN");
    }

    @Test
    void theQoSKeepsASnapshotOfTheDeclarations() {
        ScriptLayer bottom = new ScriptLayer("bottom", log).accepts(Ping.class);
        ScriptLayer top = new ScriptLayer("top", log).provides(Ping.class);
        QoS qos = new QoS("q", new Layer[] {bottom, top});
        bottom.accepts(Pong.class);
        Layer[] layers = qos.getLayers();
        layers[0] = null;

        Channel channel = qos.createUnboundChannel("c", appia.getEventScheduler());
        channel.start();
        appia.runUntilIdle(100);
        ((ScriptSession) sessionAt(channel, 1)).send(new Ping(), channel, Direction.down());
        appia.runUntilIdle(100);

        assertThat(log).containsExactly("bottom:Ping:DOWN");
        assertThat(qos.getLayers()[0]).isSameAs(bottom);
    }

    @Test
    void createUnboundChannelWithoutSchedulerNeedsTheAppiaThread() {
        QoS qos = new QoS("q", new Layer[] {new ScriptLayer("a", log)});

        assertThatThrownBy(() -> qos.createUnboundChannel("c"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("createUnboundChannel(id, appia.getEventScheduler())");

        List<Channel> made = new ArrayList<>();
        appia.execute(() -> made.add(qos.createUnboundChannel("c")));
        appia.runUntilIdle(10);
        assertThat(made).singleElement().satisfies(c -> {
            assertThat(c.getEventScheduler()).isSameAs(appia.getEventScheduler());
            assertThat(c.getQoS()).isSameAs(qos);
        });
    }

    private Channel startedChannel(Layer... layers) {
        Channel channel = new QoS("q", layers).createUnboundChannel("c", appia.getEventScheduler());
        channel.start();
        appia.runUntilIdle(100);
        return channel;
    }

    static Session sessionAt(Channel channel, int position) {
        ChannelCursor cursor = channel.getCursor();
        cursor.jumpTo(position);
        return cursor.getSession();
    }
}
