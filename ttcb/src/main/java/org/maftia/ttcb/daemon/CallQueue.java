package org.maftia.ttcb.daemon;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import org.maftia.ttcb.core.TtcbScheduler;

/**
 * Entity calls wait here, not in the TTCB thread's timer queue: a drain task runs them for at most
 * {@code budgetNanos} at a time and then steps behind whatever became due meanwhile, so the
 * broadcast and receive routines of the control network keep their instants however many calls
 * entities send. (Without it a flood of calls could delay a broadcast round past WCETsend and make
 * the local TTCB halt: a denial of service by any entity.)
 */
final class CallQueue {

    private final TtcbScheduler scheduler;
    private final long budgetNanos;
    private final ConcurrentLinkedQueue<Runnable> calls = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean draining = new AtomicBoolean();

    CallQueue(TtcbScheduler scheduler, long budgetNanos) {
        this.scheduler = scheduler;
        this.budgetNanos = budgetNanos;
    }

    void submit(Runnable call) {
        calls.add(call);
        if (draining.compareAndSet(false, true)) {
            scheduler.execute(this::drain);
        }
    }

    private void drain() {
        long start = System.nanoTime();
        Runnable call;
        while (System.nanoTime() - start < budgetNanos && (call = calls.poll()) != null) {
            call.run();
        }
        if (calls.isEmpty()) {
            draining.set(false);
            if (calls.isEmpty() || !draining.compareAndSet(false, true)) {
                return;
            }
        }
        scheduler.execute(this::drain);
    }
}
