package org.maftia.ttcb.sim;

import org.maftia.appia.time.Clock;

/**
 * The one-thread, virtual-time loop an in-JVM TTCB cluster runs on: testkit's {@code Simulation}
 * is one ({@code sim.clock()} and {@code sim::schedule}).
 */
public interface EventLoop {

    /** The loop's (virtual) time. */
    Clock clock();

    /** Runs {@code task} on the loop after {@code delayNanos}. */
    void schedule(long delayNanos, Runnable task);

    static EventLoop of(Clock clock, java.util.function.ObjLongConsumer<Runnable> schedule) {
        return new EventLoop() {
            @Override
            public Clock clock() {
                return clock;
            }

            @Override
            public void schedule(long delayNanos, Runnable task) {
                schedule.accept(task, delayNanos);
            }
        };
    }
}
