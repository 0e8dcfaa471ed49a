package org.maftia.appia;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.maftia.appia.QoSTest.sessionAt;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.maftia.appia.ScriptLayer.ScriptSession;
import org.maftia.appia.TestEvents.Ping;
import org.maftia.appia.time.VirtualClock;
import org.junit.jupiter.api.Test;

class AppiaLoopTest {

    private final List<String> log = Collections.synchronizedList(new ArrayList<>());

    @Test
    void asyncGoEntersAtTheBottomGoingUpAndAtTheTopGoingDown() {
        Appia appia = new Appia(new VirtualClock());
        ScriptLayer bottom = new ScriptLayer("bottom", log).provides(Ping.class).accepts(Ping.class);
        ScriptLayer middle = new ScriptLayer("middle", log).accepts(Ping.class);
        ScriptLayer top = new ScriptLayer("top", log).accepts(Ping.class);
        Channel channel = new QoS("q", new Layer[] {bottom, middle, top}).createUnboundChannel("c", appia.getEventScheduler());
        channel.start();

        new Ping().asyncGo(channel, Direction.up());
        new Ping().asyncGo(channel, Direction.down());
        appia.runUntilIdle(100);

        // The two events interleave hop by hop (one FIFO queue); each follows its own path.
        assertThat(log).containsExactly("bottom:Ping:UP", "top:Ping:DOWN", "middle:Ping:UP",
                "middle:Ping:DOWN", "top:Ping:UP", "bottom:Ping:DOWN");
        assertThat(((ScriptSession) sessionAt(channel, 2)).seen.getFirst().getSource()).isNull();
    }

    @Test
    void asyncGoRefusesAnEventNoLayerOfTheQoSProvides() {
        Appia appia = new Appia(new VirtualClock());
        Channel channel = new QoS("q", new Layer[] {new ScriptLayer("only", log).accepts(Ping.class)})
                .createUnboundChannel("c", appia.getEventScheduler());
        assertThatThrownBy(() -> new Ping().asyncGo(channel, Direction.up()))
                .satisfies(e -> EventTest.assertReason(e, AppiaEventException.Reason.NOT_PROVIDED));
    }

    @Test
    void asyncEventsFromManyThreadsKeepEachThreadsOrder() throws Exception {
        int threads = 4;
        int perThread = 5_000;
        Appia appia = new Appia();
        List<int[]> received = new ArrayList<>();
        CountDownLatch all = new CountDownLatch(threads * perThread);
        ScriptLayer top = new ScriptLayer("top", log).accepts(Ping.class);
        top.onEvent((s, e) -> {
            Ping p = (Ping) e;
            received.add(new int[] {p.id / perThread, p.id % perThread});
            all.countDown();
        });
        ScriptLayer bottom = new ScriptLayer("bottom", new ArrayList<>()).provides(Ping.class);
        Channel channel = new QoS("q", new Layer[] {bottom, top}).createUnboundChannel("c", appia.getEventScheduler());
        channel.start();
        top.log.clear();
        Thread loop = appia.startThread("loop");
        try {
            List<Thread> producers = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int base = t * perThread;
                producers.add(Thread.ofPlatform().start(() -> {
                    for (int i = 0; i < perThread; i++) {
                        new Ping(base + i).asyncGo(channel, Direction.up());
                    }
                }));
            }
            for (Thread p : producers) {
                p.join();
            }
            assertThat(all.await(30, TimeUnit.SECONDS)).isTrue();
        } finally {
            appia.stop();
            loop.join();
        }
        int[] next = new int[threads];
        for (int[] r : received) {
            assertThat(r[1]).as("event of producer %d", r[0]).isEqualTo(next[r[0]]);
            next[r[0]]++;
        }
        assertThat(next).containsOnly(perThread);
    }

    @Test
    void aThrowingSessionIsContainedReportedAndTheLoopGoesOn() {
        Appia appia = new Appia(new VirtualClock());
        List<String> reported = new ArrayList<>();
        appia.setErrorHandler((session, event, error) -> reported.add(session + " " + ((Ping) event).id + " " + error.getMessage()));
        ScriptLayer bottom = new ScriptLayer("bottom", log).accepts(Ping.class).onEvent((s, e) -> {
            if (((Ping) e).id == 1) {
                throw new IllegalStateException("boom");
            }
        });
        ScriptLayer top = new ScriptLayer("top", log).provides(Ping.class);
        Channel channel = new QoS("q", new Layer[] {bottom, top}).createUnboundChannel("c", appia.getEventScheduler());
        channel.start();
        ScriptSession sender = (ScriptSession) sessionAt(channel, 1);

        for (int i = 0; i < 3; i++) {
            sender.send(new Ping(i), channel, Direction.down());
        }
        appia.runUntilIdle(100);

        assertThat(log).containsExactly("bottom:Ping:DOWN", "bottom:Ping:DOWN", "bottom:Ping:DOWN");
        assertThat(reported).containsExactly("bottom-session 1 boom");
        assertThat(appia.failedHandles()).isEqualTo(1);
    }

    @Test
    void aSessionErrorDoesNotStopTheRealTimeLoop() throws Exception {
        Appia appia = new Appia();
        appia.setErrorHandler((s, e, t) -> { });
        CompletableFuture<Integer> survivor = new CompletableFuture<>();
        ScriptLayer bottom = new ScriptLayer("bottom", log).provides(Ping.class);
        ScriptLayer top = new ScriptLayer("top", log).accepts(Ping.class).onEvent((s, e) -> {
            int id = ((Ping) e).id;
            if (id == 0) {
                throw new StackOverflowError("deep");
            }
            survivor.complete(id);
        });
        Channel channel = new QoS("q", new Layer[] {bottom, top}).createUnboundChannel("c", appia.getEventScheduler());
        channel.start();
        Thread loop = appia.startThread("loop");
        try {
            new Ping(0).asyncGo(channel, Direction.up());
            new Ping(1).asyncGo(channel, Direction.up());
            assertThat(survivor.get(10, TimeUnit.SECONDS)).isEqualTo(1);
            assertThat(appia.failedHandles()).isEqualTo(1);
        } finally {
            appia.stop();
            loop.join();
        }
    }

    @Test
    void theLoopIsDrivenByOneThreadAtATime() throws Exception {
        Appia virtual = new Appia(new VirtualClock());
        assertThatThrownBy(virtual::run).isInstanceOf(IllegalStateException.class).hasMessageContaining("virtual time");

        Appia realTime = new Appia();
        Thread loop = realTime.startThread("loop");
        try {
            CompletableFuture<Boolean> running = new CompletableFuture<>();
            realTime.execute(() -> running.complete(true));
            running.get(10, TimeUnit.SECONDS);
            assertThatThrownBy(realTime::step).isInstanceOf(IllegalStateException.class).hasMessageContaining("'loop'");
            assertThatThrownBy(realTime::run).isInstanceOf(IllegalStateException.class);
        } finally {
            realTime.stop();
            loop.join();
        }
    }

    @Test
    void stepRunsOneEventAtATime() {
        Appia appia = new Appia(new VirtualClock());
        ScriptLayer bottom = new ScriptLayer("bottom", log).accepts(Ping.class);
        ScriptLayer top = new ScriptLayer("top", log).provides(Ping.class);
        Channel channel = new QoS("q", new Layer[] {bottom, top}).createUnboundChannel("c", appia.getEventScheduler());
        channel.start();
        ScriptSession sender = (ScriptSession) sessionAt(channel, 1);
        sender.send(new Ping(), channel, Direction.down());
        sender.send(new Ping(), channel, Direction.down());

        assertThat(appia.hasWork()).isTrue();
        assertThat(appia.step()).isTrue();
        assertThat(log).hasSize(1);
        assertThat(appia.step()).isTrue();
        assertThat(appia.step()).isFalse();
        assertThat(appia.hasWork()).isFalse();
        assertThat(log).hasSize(2);
    }

    @Test
    void workSubmittedFromTheLoopRunsAfterTheEventsAlreadyQueued() {
        Appia appia = new Appia(new VirtualClock());
        List<String> order = new ArrayList<>();
        ScriptLayer bottom = new ScriptLayer("bottom", log).accepts(Ping.class).onEvent((s, e) -> order.add("event " + ((Ping) e).id));
        ScriptLayer top = new ScriptLayer("top", log).provides(Ping.class);
        Channel channel = new QoS("q", new Layer[] {bottom, top}).createUnboundChannel("c", appia.getEventScheduler());
        channel.start();
        ScriptSession sender = (ScriptSession) sessionAt(channel, 1);

        appia.execute(() -> {
            sender.send(new Ping(1), channel, Direction.down());
            appia.execute(() -> order.add("task"));
            sender.send(new Ping(2), channel, Direction.down());
        });
        appia.runUntilIdle(100);

        assertThat(order).containsExactly("event 1", "event 2", "task");
    }
}
