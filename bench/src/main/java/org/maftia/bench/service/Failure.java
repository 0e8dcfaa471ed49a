package org.maftia.bench.service;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The first thing that went wrong anywhere in the benchmark (a client thread's exception, a site
 * process that died, a wrong reply); any later one is dropped. The benchmark waits on it rather
 * than sleeping, so it stops as soon as something failed.
 */
public final class Failure {

    private final AtomicReference<String> first = new AtomicReference<>();
    private final CountDownLatch happened = new CountDownLatch(1);

    public void report(String what) {
        if (first.compareAndSet(null, what)) {
            happened.countDown();
        }
    }

    /** What failed first, or null if nothing did. */
    public String what() {
        return first.get();
    }

    /** Waits {@code time}, or less if something fails meanwhile; true if something failed. */
    public boolean awaitFor(Duration time) throws InterruptedException {
        return happened.await(time.toNanos(), TimeUnit.NANOSECONDS);
    }

    public static String describe(Throwable e) {
        String message = e.getMessage();
        return e.getClass().getSimpleName() + (message == null ? "" : ": " + message.replace('\n', ' '));
    }
}
