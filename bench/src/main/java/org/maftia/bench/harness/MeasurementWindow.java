package org.maftia.bench.harness;

import java.time.Duration;
import java.util.List;

/**
 * When a closed-loop run measures: operations that end between {@link #begin} and {@link #end}
 * count, those before (warm-up) and after (stopping) do not. Clients read it from their threads.
 */
public final class MeasurementWindow {

    private volatile long from = Long.MAX_VALUE;
    private volatile long until = Long.MAX_VALUE;

    public void begin() {
        from = System.nanoTime();
    }

    public void end() {
        until = System.nanoTime();
    }

    /** Whether an operation that ended at {@code nanoTime} counts. */
    public boolean counts(long nanoTime) {
        return nanoTime >= from && nanoTime < until;
    }

    /** The measured length, up to now if not ended. */
    public double seconds() {
        return (Math.min(until, System.nanoTime()) - from) / 1e9;
    }

    /** Waits for every thread, all within {@code timeout}; false if one still runs. */
    public static boolean joinAll(List<Thread> threads, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        boolean finished = true;
        for (Thread t : threads) {
            finished &= t.join(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
        }
        return finished;
    }
}
