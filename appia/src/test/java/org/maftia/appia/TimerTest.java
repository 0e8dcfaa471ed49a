package org.maftia.appia;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.maftia.appia.QoSTest.sessionAt;

import java.util.ArrayList;
import java.util.List;
import org.maftia.appia.ScriptLayer.ScriptSession;
import org.maftia.appia.TestEvents.Retry;
import org.maftia.appia.TestEvents.Tick;
import org.maftia.appia.time.VirtualClock;
import org.junit.jupiter.api.Test;

class TimerTest {

    private final List<String> log = new ArrayList<>();
    private final VirtualClock clock = new VirtualClock(1_000_000L);
    private final Appia appia = new Appia(clock);
    private final ScriptLayer bottom = new ScriptLayer("bottom", log).accepts(Retry.class, Tick.class);
    private final ScriptLayer top = new ScriptLayer("top", log).provides(Retry.class, Tick.class).accepts(Retry.class, Tick.class);
    private final Channel channel = new QoS("q", new Layer[] {bottom, top}).createUnboundChannel("c", appia.getEventScheduler());
    private ScriptSession owner;

    private void start() {
        channel.start();
        appia.runUntilIdle(100);
        owner = (ScriptSession) sessionAt(channel, 1);
    }

    private void advanceMillis(long millis) {
        clock.advanceTo(clock.elapsedNanos() + millis * 1_000_000L);
        appia.runUntilIdle(1000);
    }

    private List<Event> notificationsAtOwner() {
        return owner.seen.stream().filter(e -> ((ChannelEvent) e).getQualifier().isNotify()).toList();
    }

    @Test
    void aTimerIsNotifiedUpwardsOnceItsDeadlinePassesAsTheSameInstance() {
        start();
        long now = channel.getClock().currentTimeMillis();
        Retry retry = new Retry("r", now + 50, channel, owner, EventQualifier.on());
        retry.go();
        appia.runUntilIdle(100);
        advanceMillis(49);
        assertThat(notificationsAtOwner()).isEmpty();
        assertThat(log).containsExactly("bottom:Retry:DOWN");

        advanceMillis(1);

        assertThat(notificationsAtOwner()).singleElement().isSameAs(retry);
        assertThat(retry.getDirection().isUp()).isTrue();
        assertThat(log).containsExactly("bottom:Retry:DOWN", "bottom:Retry:UP", "top:Retry:UP");
        advanceMillis(1000);
        assertThat(notificationsAtOwner()).hasSize(1);
    }

    @Test
    void aCancelledTimerIsNeverNotified() {
        start();
        long now = channel.getClock().currentTimeMillis();
        new Retry("r", now + 50, channel, owner, EventQualifier.on()).go();
        appia.runUntilIdle(100);
        new Retry("other", now + 60, channel, owner, EventQualifier.on()).go();
        appia.runUntilIdle(100);
        new Retry("r", 0, channel, owner, EventQualifier.off()).go();
        appia.runUntilIdle(100);

        advanceMillis(100);

        assertThat(notificationsAtOwner()).singleElement()
                .satisfies(e -> assertThat(((Timer) e).getTimerID()).isEqualTo("other"));
    }

    @Test
    void timersFireInDeadlineOrderThenRequestOrder() {
        start();
        long now = channel.getClock().currentTimeMillis();
        new Retry("late", now + 30, channel, owner, EventQualifier.on()).go();
        appia.runUntilIdle(100);
        new Retry("first", now + 10, channel, owner, EventQualifier.on()).go();
        appia.runUntilIdle(100);
        new Retry("second", now + 10, channel, owner, EventQualifier.on()).go();
        appia.runUntilIdle(100);

        advanceMillis(30);

        assertThat(notificationsAtOwner()).extracting(e -> ((Timer) e).getTimerID())
                .containsExactly("first", "second", "late");
    }

    @Test
    void aPeriodicTimerDeliversCopiesEveryPeriodAndSkipsMissedPeriods() {
        start();
        Tick tick = new Tick("t", 10, channel, Direction.down(), owner, EventQualifier.on());
        tick.go();
        appia.runUntilIdle(100);

        for (int i = 0; i < 3; i++) {
            advanceMillis(10);
        }
        assertThat(notificationsAtOwner()).hasSize(3).allSatisfy(e -> {
            assertThat(e).isNotSameAs(tick);
            assertThat(((Tick) e).copies).isEqualTo(1);
            assertThat(e.getDirection().isUp()).isTrue();
        });

        advanceMillis(100);
        assertThat(notificationsAtOwner()).hasSize(4);

        new Tick("t", 10, channel, Direction.down(), owner, EventQualifier.off()).go();

        appia.runUntilIdle(100);
        advanceMillis(100);
        assertThat(notificationsAtOwner()).hasSize(4);
        assertThat(appia.nextTimerDeadline()).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void aTimerRequestedUpwardsIsNotifiedDownwards() {
        start();
        ScriptSession lower = (ScriptSession) sessionAt(channel, 0);
        bottom.provides(Tick.class);
        Channel up = new QoS("u", new Layer[] {bottom, top}).createUnboundChannel("u", appia.getEventScheduler());
        up.start();
        appia.runUntilIdle(100);
        ScriptSession requester = (ScriptSession) sessionAt(up, 0);
        log.clear();

        new Tick("t", 5, up, Direction.up(), requester, EventQualifier.on()).go();

        appia.runUntilIdle(100);
        advanceMillis(5);

        assertThat(log).containsExactly("top:Tick:UP", "top:Tick:DOWN", "bottom:Tick:DOWN");
        assertThat(lower.seen).isEmpty();
    }

    @Test
    void stoppingTheChannelCancelsItsTimers() {
        start();
        new Tick("t", 10, channel, Direction.down(), owner, EventQualifier.on()).go();
        appia.runUntilIdle(100);
        appia.runUntilIdle(100);
        assertThat(appia.nextTimerDeadline()).isNotEqualTo(Long.MAX_VALUE);

        channel.end();
        appia.runUntilIdle(100);
        advanceMillis(100);

        assertThat(appia.nextTimerDeadline()).isEqualTo(Long.MAX_VALUE);
        assertThat(notificationsAtOwner()).isEmpty();
    }

    @Test
    void timersNeedAnIdAndPeriodsMustBePositive() {
        start();
        assertThatThrownBy(() -> new Retry(null, 0, channel, owner, EventQualifier.on()))
                .isInstanceOf(AppiaEventException.class).hasMessageContaining("non-empty id");
        assertThatThrownBy(() -> new Tick("t", 0, channel, Direction.down(), owner, EventQualifier.on()))
                .isInstanceOf(AppiaEventException.class).hasMessageContaining("period must be positive");
    }

    @Test
    void aTimerOnTheWallClockFiresWithoutBeingDriven() throws Exception {
        Appia realTime = new Appia();
        java.util.concurrent.CompletableFuture<Long> firedAt = new java.util.concurrent.CompletableFuture<>();
        ScriptLayer requester = new ScriptLayer("requester", log).provides(Retry.class).accepts(Retry.class);
        requester.onEvent((s, e) -> firedAt.complete(e.getChannel().getClock().currentTimeMillis()));
        Channel c = new QoS("q", new Layer[] {new ScriptLayer("b", log), requester}).createUnboundChannel("c", realTime.getEventScheduler());
        c.start();
        long deadline = c.getClock().currentTimeMillis() + 30;
        new Retry("r", deadline, c, sessionAt(c, 1), EventQualifier.on()).go();
        appia.runUntilIdle(100);
        Thread loop = realTime.startThread("loop");
        try {
            assertThat(firedAt.get(10, java.util.concurrent.TimeUnit.SECONDS)).isGreaterThanOrEqualTo(deadline);
        } finally {
            realTime.stop();
            loop.join();
        }
    }
}
