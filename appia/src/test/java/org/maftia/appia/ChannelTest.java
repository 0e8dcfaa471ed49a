package org.maftia.appia;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.maftia.appia.QoSTest.sessionAt;

import java.util.ArrayList;
import java.util.List;
import org.maftia.appia.ScriptLayer.ScriptSession;
import org.maftia.appia.TestEvents.Data;
import org.maftia.appia.TestEvents.Ping;
import org.maftia.appia.time.VirtualClock;
import org.junit.jupiter.api.Test;

class ChannelTest {

    private final List<String> log = new ArrayList<>();
    private final Appia appia = new Appia(new VirtualClock());

    private QoS threeLayers() {
        return new QoS("three", new Layer[] {
            new ScriptLayer("bottom", log).accepts(ChannelInit.class, ChannelClose.class, Ping.class),
            new ScriptLayer("middle", log).accepts(ChannelClose.class),
            new ScriptLayer("top", log).provides(Ping.class).accepts(ChannelInit.class, ChannelClose.class)
        });
    }

    @Test
    void cursorWalksTheSlotsAndFallsOffBothEnds() {
        Channel channel = threeLayers().createUnboundChannel("c", appia.getEventScheduler());
        ChannelCursor cursor = channel.getCursor();

        assertThat(cursor.isPositioned()).isFalse();
        assertThatThrownBy(cursor::getSession).isInstanceOf(AppiaCursorException.class)
                .satisfies(e -> assertThat(((AppiaCursorException) e).reason()).isEqualTo(AppiaCursorException.Reason.NOT_POSITIONED));
        cursor.bottom();
        assertThat(cursor.getLayer().toString()).isEqualTo("bottom");
        cursor.up();
        assertThat(cursor.getLayer().toString()).isEqualTo("middle");
        cursor.jump(1);
        assertThat(cursor.getPosition()).isEqualTo(2);
        cursor.up();
        assertThat(cursor.isPositioned()).isFalse();
        assertThatThrownBy(cursor::down).isInstanceOf(AppiaCursorException.class);
        cursor.top();
        assertThat(cursor.getLayer().toString()).isEqualTo("top");
        cursor.jump(-5);
        assertThat(cursor.isPositioned()).isFalse();
        cursor.bottom();
        cursor.down();
        assertThat(cursor.isPositioned()).isFalse();
        assertThatThrownBy(() -> cursor.jumpTo(3)).isInstanceOf(AppiaCursorException.class)
                .hasMessageContaining("positions 0..2, not 3");
        cursor.jumpTo(1);
        assertThat(cursor.getSession()).isNull();
    }

    @Test
    void startKeepsExplicitSessionsAndCreatesTheRest() {
        QoS qos = threeLayers();
        Channel channel = qos.createUnboundChannel("c", appia.getEventScheduler());
        Session mine = qos.getLayers()[1].createSession();
        ChannelCursor cursor = channel.getCursor();
        cursor.jumpTo(1);
        cursor.setSession(mine);

        channel.start();

        assertThat(sessionAt(channel, 1)).isSameAs(mine);
        assertThat(sessionAt(channel, 0)).isNotNull().extracting(Session::getLayer).isSameAs(qos.getLayers()[0]);
        assertThat(sessionAt(channel, 2)).isNotNull().isNotSameAs(sessionAt(channel, 0));
    }

    @Test
    void setSessionChecksTheLayerTheSlotAndTheLifecycle() {
        QoS qos = new QoS("distinct", new Layer[] {
            new ScriptLayer("bottom", log), new ScriptLayer("middle", log), new ScriptLayer("top", log) { }
        });
        Channel channel = qos.createUnboundChannel("c", appia.getEventScheduler());
        ChannelCursor cursor = channel.getCursor();
        cursor.bottom();

        assertThatThrownBy(() -> cursor.setSession(qos.getLayers()[2].createSession()))
                .isInstanceOf(AppiaCursorException.class).hasMessageContaining("takes a session of bottom");
        cursor.setSession(qos.getLayers()[0].createSession());
        assertThatThrownBy(() -> cursor.setSession(qos.getLayers()[0].createSession()))
                .isInstanceOf(AppiaCursorException.class)
                .satisfies(e -> assertThat(((AppiaCursorException) e).reason()).isEqualTo(AppiaCursorException.Reason.SLOT_TAKEN));

        channel.start();
        cursor.top();
        assertThatThrownBy(() -> cursor.setSession(qos.getLayers()[2].createSession()))
                .isInstanceOf(AppiaCursorException.class)
                .satisfies(e -> assertThat(((AppiaCursorException) e).reason()).isEqualTo(AppiaCursorException.Reason.CHANNEL_STARTED));
    }

    @Test
    void explicitlyBoundSessionsAreInvitedToBindOthers() {
        List<Channel> invitations = new ArrayList<>();
        ScriptLayer helperLayer = new ScriptLayer("helper", log);
        Session helper = helperLayer.createSession();
        ScriptLayer binderLayer = new ScriptLayer("binder", log);
        binderLayer.sessions(() -> new ScriptSession(binderLayer) {
            @Override
            public void boundSessions(Channel channel) {
                invitations.add(channel);
                ChannelCursor c = channel.getCursor();
                c.top();
                c.setSession(helper);
            }
        });
        QoS qos = new QoS("q", new Layer[] {binderLayer, new ScriptLayer("helper", log)});
        Channel channel = qos.createUnboundChannel("c", appia.getEventScheduler());
        ChannelCursor cursor = channel.getCursor();
        cursor.bottom();
        cursor.setSession(binderLayer.createSession());

        channel.start();

        assertThat(invitations).containsExactly(channel);
        assertThat(sessionAt(channel, 1)).isSameAs(helper);
    }

    @Test
    void startInsertsTheStartEventFirstAndEndTheStopEventThenDisposes() {
        QoS qos = threeLayers();
        Channel channel = qos.createUnboundChannel("c", appia.getEventScheduler());
        channel.start();
        assertThat(channel.state()).isEqualTo(ChannelState.RUNNING);
        appia.runUntilIdle(100);
        assertThat(log).containsExactly("bottom:ChannelInit:UP", "top:ChannelInit:UP");

        log.clear();
        channel.end();
        assertThat(channel.state()).isEqualTo(ChannelState.CLOSING);
        appia.runUntilIdle(100);

        assertThat(log).containsExactly("bottom:ChannelClose:UP", "middle:ChannelClose:UP", "top:ChannelClose:UP");
        assertThat(channel.state()).isEqualTo(ChannelState.STOPPED);
        for (Layer layer : qos.getLayers()) {
            assertThat(((ScriptLayer) layer).disposals).containsExactly("c");
        }
        ScriptSession top = (ScriptSession) sessionAt(channel, 2);
        assertThatThrownBy(() -> top.send(new Ping(), channel, Direction.down()))
                .isInstanceOf(AppiaEventException.class)
                .satisfies(e -> assertThat(((AppiaEventException) e).reason()).isEqualTo(AppiaEventException.Reason.CHANNEL_NOT_RUNNING));
    }

    @Test
    void eventsQueuedBeforeTheStopStillFlowWhileClosing() {
        QoS qos = threeLayers();
        Channel channel = qos.createUnboundChannel("c", appia.getEventScheduler());
        channel.start();
        appia.runUntilIdle(100);
        log.clear();
        ScriptSession top = (ScriptSession) sessionAt(channel, 2);

        top.send(new Ping(), channel, Direction.down());
        channel.end();
        appia.runUntilIdle(100);

        assertThat(log).startsWith("bottom:Ping:DOWN");
        assertThat(channel.state()).isEqualTo(ChannelState.STOPPED);
    }

    @Test
    void aStoppedChannelRestartsWithTheSameSessions() {
        Channel channel = threeLayers().createUnboundChannel("c", appia.getEventScheduler());
        channel.start();
        Session before = sessionAt(channel, 1);
        channel.end();
        appia.runUntilIdle(100);
        log.clear();

        channel.start();
        appia.runUntilIdle(100);

        assertThat(sessionAt(channel, 1)).isSameAs(before);
        assertThat(log).containsExactly("bottom:ChannelInit:UP", "top:ChannelInit:UP");
        assertThatThrownBy(channel::start).isInstanceOf(IllegalStateException.class).hasMessageContaining("RUNNING");
    }

    @Test
    void oneSessionSharedByTwoChannelsOrdersAcrossBoth() {
        // The spec's example: one FIFO session in an audio and a video channel numbers both streams.
        ScriptLayer fifoLayer = new ScriptLayer("fifo", log).accepts(Data.class);
        long[] counter = {0};
        List<String> numbered = new ArrayList<>();
        fifoLayer.onEvent((s, e) -> {
            numbered.add(e.getChannel().getChannelID() + "#" + counter[0]++);
            e.go();
        });
        Session fifo = fifoLayer.createSession();
        ScriptLayer audioTop = new ScriptLayer("audio-app", log).provides(Data.class);
        ScriptLayer videoTop = new ScriptLayer("video-app", log).provides(Data.class);
        QoS audioQoS = new QoS("audio", new Layer[] {new ScriptLayer("udp", log), fifoLayer, audioTop});
        QoS videoQoS = new QoS("video", new Layer[] {new ScriptLayer("tcp", log), new ScriptLayer("fifo", log).accepts(Data.class), videoTop});
        Channel audio = audioQoS.createUnboundChannel("audio", appia.getEventScheduler());
        Channel video = videoQoS.createUnboundChannel("video", appia.getEventScheduler());
        for (Channel ch : List.of(audio, video)) {
            ChannelCursor c = ch.getCursor();
            c.jumpTo(1);
            c.setSession(fifo);
            ch.start();
        }
        appia.runUntilIdle(100);
        ScriptSession audioApp = (ScriptSession) sessionAt(audio, 2);
        ScriptSession videoApp = (ScriptSession) sessionAt(video, 2);

        audioApp.send(new Data(), audio, Direction.down());
        videoApp.send(new Data(), video, Direction.down());
        audioApp.send(new Data(), audio, Direction.down());
        appia.runUntilIdle(100);

        assertThat(sessionAt(audio, 1)).isSameAs(sessionAt(video, 1));
        assertThat(numbered).containsExactly("audio#0", "video#1", "audio#2");
        assertThat(audio.equalQoS(video)).isFalse();
        assertThat(audio.equalQoS(audioQoS.createUnboundChannel("audio2", appia.getEventScheduler()))).isTrue();
    }

    @Test
    void startAndEndFromAnotherThreadRunOnTheLoopAndWait() throws Exception {
        Appia realTime = new Appia();
        Thread loop = realTime.startThread("loop");
        try {
            java.util.concurrent.CompletableFuture<ChannelState> stopped = new java.util.concurrent.CompletableFuture<>();
            ScriptLayer bottom = new ScriptLayer("bottom", log) {
                @Override
                public void channelDispose(Session session, Channel channel) {
                    stopped.complete(channel.state());
                }
            };
            List<String> threads = java.util.Collections.synchronizedList(new ArrayList<>());
            bottom.accepts(ChannelInit.class, ChannelClose.class).onEvent((s, e) -> {
                threads.add(Thread.currentThread().getName());
                e.go();
            });
            Channel channel = new QoS("q", new Layer[] {bottom, new ScriptLayer("top", log)})
                    .createUnboundChannel("c", realTime.getEventScheduler());

            channel.start();
            assertThat(channel.isStarted()).isTrue();
            channel.end();

            assertThat(stopped.get(10, java.util.concurrent.TimeUnit.SECONDS)).isEqualTo(ChannelState.STOPPED);
            assertThat(threads).containsOnly("loop").hasSize(2);
        } finally {
            realTime.stop();
            loop.join();
        }
    }
}
