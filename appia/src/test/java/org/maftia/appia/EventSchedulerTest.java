package org.maftia.appia;

import static org.assertj.core.api.Assertions.assertThat;
import static org.maftia.appia.QoSTest.sessionAt;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import org.maftia.appia.ScriptLayer.ScriptSession;
import org.maftia.appia.TestEvents.Ping;
import org.maftia.appia.time.VirtualClock;
import org.junit.jupiter.api.Test;

class EventSchedulerTest {

    /** A policy other than FIFO, as spec 2.1.3 allows: the newest event first. */
    static final class NewestFirst extends EventScheduler {
        private final ArrayDeque<Event> stack = new ArrayDeque<>();

        NewestFirst(Appia appia) {
            super(appia);
        }

        @Override
        protected void insert(Event event) {
            stack.push(event);
        }

        @Override
        protected Event next() {
            return stack.poll();
        }

        @Override
        public int pending() {
            return stack.size();
        }
    }

    private final List<String> log = new ArrayList<>();
    private final Appia appia = new Appia(new VirtualClock());

    private List<Integer> orderAtBottom(EventScheduler scheduler) {
        List<Integer> order = new ArrayList<>();
        ScriptLayer bottom = new ScriptLayer("bottom", log).accepts(Ping.class).onEvent((s, e) -> order.add(((Ping) e).id));
        ScriptLayer top = new ScriptLayer("top", log).provides(Ping.class);
        Channel channel = new QoS("q", new Layer[] {bottom, top}).createUnboundChannel("c", scheduler);
        channel.start();
        appia.runUntilIdle(10);
        ScriptSession sender = (ScriptSession) sessionAt(channel, 1);
        for (int i = 0; i < 4; i++) {
            sender.send(new Ping(i), channel, Direction.down());
        }
        appia.runUntilIdle(100);
        return order;
    }

    @Test
    void theDefaultSchedulerIsFifo() {
        assertThat(orderAtBottom(appia.getEventScheduler())).containsExactly(0, 1, 2, 3);
    }

    @Test
    void aSubclassDefinesAnotherPolicyAndTheLoopServesEveryScheduler() {
        NewestFirst custom = new NewestFirst(appia);
        assertThat(custom.getAppia()).isSameAs(appia);

        assertThat(orderAtBottom(custom)).containsExactly(3, 2, 1, 0);
        assertThat(orderAtBottom(appia.getEventScheduler())).containsExactly(0, 1, 2, 3);
        assertThat(appia.hasWork()).isFalse();
    }
}
