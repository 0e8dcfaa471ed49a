package org.maftia.appia;

import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.maftia.appia.time.Clock;
import org.maftia.appia.time.SystemClock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One Appia instance: the event loop that runs its schedulers' events, its timers and the work
 * other threads hand to it (spec 2.1.3: the class that runs the loop). All sessions of all its
 * channels run on one thread, one event at a time, so protocol code needs no locks.
 *
 * <p>Two ways to drive it. On wall-clock time, {@link #run()} loops on the calling thread (or
 * {@link #startThread} on a new one) until {@link #stop()}. On virtual time, or in a test that
 * wants to step by hand, the owner calls {@link #step()} or {@link #runUntilIdle(int)}.
 *
 * <p>There is no static state: a JVM may hold many instances (one per site in a simulation).
 */
public final class Appia {

    private static final Logger LOG = LoggerFactory.getLogger(Appia.class);
    private static final ThreadLocal<Appia> CURRENT = new ThreadLocal<>();
    /** Events dispatched before the loop looks again at other threads' work and the timers. */
    private static final int BATCH = 256;
    /** How often a thread waiting on the loop checks that the loop still runs. */
    private static final long LOOP_CHECK_MILLIS = 50;

    private final Clock clock;
    private final List<EventScheduler> schedulers = new ArrayList<>(1);
    private final EventScheduler defaultScheduler;
    private final TimerManager timers = new TimerManager(this);
    private final Queue<Runnable> inbox = new ConcurrentLinkedQueue<>();
    private final java.util.ArrayDeque<Runnable> draining = new java.util.ArrayDeque<>();
    private final AtomicLong failedHandles = new AtomicLong();
    private final AtomicLong droppedEvents = new AtomicLong();

    private volatile Thread loopThread;
    private volatile boolean parked;
    private volatile boolean stopRequested;
    private int nextScheduler;
    private SessionErrorHandler errorHandler = this::logFailure;
    private EventTracer tracer;

    /** An Appia on wall-clock time. */
    public Appia() {
        this(new SystemClock());
    }

    public Appia(Clock clock) {
        if (clock == null) {
            throw new IllegalArgumentException("an Appia needs a clock, not null");
        }
        this.clock = clock;
        this.defaultScheduler = new EventScheduler(this);
    }

    /**
     * The Appia whose loop is running on this thread.
     *
     * @throws IllegalStateException off every Appia thread, naming the explicit alternative
     */
    public static Appia current() {
        Appia appia = CURRENT.get();
        if (appia == null) {
            throw new IllegalStateException("no Appia is running on thread '" + Thread.currentThread().getName()
                    + "': call this from a session or from Appia.execute(...), or pass the scheduler explicitly"
                    + " (qos.createUnboundChannel(id, appia.getEventScheduler()))");
        }
        return appia;
    }

    public Clock clock() {
        return clock;
    }

    /** The scheduler channels get when none is given. */
    public EventScheduler getEventScheduler() {
        return defaultScheduler;
    }

    /** Runs the loop on this thread until {@link #stop()}; needs a real-time clock. */
    public void run() {
        if (!clock.isRealTime()) {
            throw new IllegalStateException("this Appia runs on virtual time: its driver steps it"
                    + " (step(), runUntilIdle()); run() needs a real-time clock");
        }
        enterLoop();
        Appia previous = CURRENT.get();
        CURRENT.set(this);
        try {
            while (!stopRequested) {
                if (runBatch() == 0) {
                    awaitWork();
                }
            }
        } finally {
            CURRENT.set(previous);
            stopRequested = false;
            loopThread = null;
        }
    }

    /** Starts {@link #run()} on a new platform thread named {@code name}. */
    public Thread startThread(String name) {
        Thread thread = new Thread(this::run, name);
        thread.start();
        return thread;
    }

    /** Asks the loop to return after the event it is handling; callable from any thread. */
    public void stop() {
        stopRequested = true;
        wake();
    }

    /**
     * Runs {@code task} on the loop thread, after the tasks and asynchronous events submitted
     * before it (they keep FIFO order). Callable from any thread.
     */
    public void execute(Runnable task) {
        inbox.add(task);
        if (parked) {
            wake();
        }
    }

    /**
     * Runs one unit of work on the calling thread, which becomes the loop thread meanwhile: the
     * work other threads submitted, the timers due, then one event. Returns false if there was
     * nothing to do. For virtual time and hand-driven tests.
     */
    public boolean step() {
        return driveBy(() -> {
            int work = drainInbox() + timers.fireDue(clock.currentTimeMillis());
            return dispatchOne() || work > 0;
        });
    }

    /**
     * Runs work on the calling thread until none is left or {@code maxEvents} events were
     * handled; returns the number of events handled.
     */
    public int runUntilIdle(int maxEvents) {
        return driveBy(() -> {
            int handled = 0;
            while (handled < maxEvents) {
                // Like run(): other threads' work and the clock are looked at once per batch.
                int work = drainInbox() + timers.fireDue(clock.currentTimeMillis());
                int batch = 0;
                while (batch < BATCH && handled < maxEvents && dispatchOne()) {
                    batch++;
                    handled++;
                }
                if (batch == 0 && work == 0) {
                    break;
                }
            }
            return handled;
        });
    }

    /** True if a step would find work: submitted tasks, queued events or a timer due now. */
    public boolean hasWork() {
        if (!inbox.isEmpty() || timers.nextDeadline() <= clock.currentTimeMillis()) {
            return true;
        }
        for (EventScheduler s : schedulers) {
            if (s.pending() > 0) {
                return true;
            }
        }
        return false;
    }

    /** The earliest pending timer deadline (clock milliseconds), or {@code Long.MAX_VALUE}. */
    public long nextTimerDeadline() {
        return timers.nextDeadline();
    }

    /** Replaces the handler told when a session throws (default: log a warning). Loop thread. */
    public void setErrorHandler(SessionErrorHandler handler) {
        this.errorHandler = handler == null ? this::logFailure : handler;
    }

    /** Sets (or, with null, removes) the tracer that sees every dispatch. Loop thread. */
    public void setTracer(EventTracer tracer) {
        this.tracer = tracer;
    }

    /** How many times a session's {@code handle} threw. */
    public long failedHandles() {
        return failedHandles.get();
    }

    /** Events dropped because their channel had stopped or their copy could not be made. */
    public long droppedEvents() {
        return droppedEvents.get();
    }

    /** True on the loop thread, and on any thread while no loop runs (setting channels up). */
    boolean isLoopThread() {
        Thread t = loopThread;
        return t == null || t == Thread.currentThread();
    }

    /**
     * Runs {@code action} on the loop thread and waits for it; directly if already there, or if
     * the loop stops before reaching it (then no loop owns the channels and the caller may).
     */
    void runOnLoop(Runnable action) {
        if (isLoopThread()) {
            action.run();
            return;
        }
        AtomicBoolean claimed = new AtomicBoolean();
        CompletableFuture<Void> done = new CompletableFuture<>();
        execute(() -> {
            if (claimed.compareAndSet(false, true)) {
                try {
                    action.run();
                    done.complete(null);
                } catch (RuntimeException e) {
                    done.completeExceptionally(e);
                }
            }
        });
        try {
            while (true) {
                try {
                    done.get(LOOP_CHECK_MILLIS, TimeUnit.MILLISECONDS);
                    return;
                } catch (TimeoutException stillWaiting) {
                    if (loopThread == null && claimed.compareAndSet(false, true)) {
                        action.run();
                        return;
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AppiaException("interrupted while waiting for the Appia thread", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new AppiaException("failed on the Appia thread", e);
        }
    }

    TimerManager timers() {
        return timers;
    }

    void register(EventScheduler scheduler) {
        schedulers.add(scheduler);
    }

    void dispatch(Session target, Event event) {
        try {
            if (tracer != null) {
                tracer.dispatching(target, event);
            }
            target.handle(event);
        } catch (RuntimeException | LinkageError | AssertionError | StackOverflowError e) {
            failedHandles.incrementAndGet();
            reportFailure(target, event, e);
        }
    }

    private void reportFailure(Session target, Event event, Throwable e) {
        try {
            errorHandler.sessionFailed(target, event, e);
        } catch (RuntimeException handlerFailure) {
            LOG.error("the session error handler itself failed", handlerFailure);
        }
    }

    void reportDropped(Event event, String why) {
        droppedEvents.incrementAndGet();
        LOG.debug("dropped {}: {}", event, why);
    }

    void disposeQuietly(Layer layer, Session session, Channel channel) {
        try {
            layer.channelDispose(session, channel);
        } catch (RuntimeException e) {
            LOG.warn("{}.channelDispose failed for channel '{}'", layer, channel.getChannelID(), e);
        }
    }

    private int runBatch() {
        int work = drainInbox() + timers.fireDue(clock.currentTimeMillis());
        for (int i = 0; i < BATCH && dispatchOne(); i++) {
            work++;
        }
        return work;
    }

    private boolean dispatchOne() {
        int n = schedulers.size();
        for (int i = 0; i < n; i++) {
            EventScheduler s = schedulers.get(nextScheduler);
            nextScheduler = (nextScheduler + 1) % n;
            if (s.dispatchOne()) {
                return true;
            }
        }
        return false;
    }

    /**
     * Runs the tasks submitted so far. Tasks they submit wait for the next round, after the events
     * already queued: work handed to the loop from the loop comes after what is in flight.
     */
    private int drainInbox() {
        Runnable task = inbox.poll();
        if (task == null) {
            return 0;
        }
        draining.clear();
        do {
            draining.add(task);
        } while ((task = inbox.poll()) != null);
        int ran = draining.size();
        for (Runnable r; (r = draining.poll()) != null; ) {
            try {
                r.run();
            } catch (RuntimeException e) {
                failedHandles.incrementAndGet();
                reportFailure(null, null, e);
            }
        }
        return ran;
    }

    private void awaitWork() {
        parked = true;
        try {
            if (!inbox.isEmpty() || stopRequested) {
                return;
            }
            long deadline = timers.nextDeadline();
            if (deadline == Long.MAX_VALUE) {
                LockSupport.park(this);
            } else {
                long waitMillis = deadline - clock.currentTimeMillis();
                if (waitMillis > 0) {
                    LockSupport.parkNanos(this, TimeUnit.MILLISECONDS.toNanos(waitMillis));
                }
            }
        } finally {
            parked = false;
        }
    }

    private void wake() {
        Thread t = loopThread;
        if (t != null) {
            LockSupport.unpark(t);
        }
    }

    private <T> T driveBy(java.util.function.Supplier<T> work) {
        Thread me = Thread.currentThread();
        Thread owner = loopThread;
        if (owner != null && owner != me) {
            throw new IllegalStateException("this Appia's loop runs on thread '" + owner.getName()
                    + "'; it cannot also be stepped from '" + me.getName() + "'");
        }
        Appia previous = CURRENT.get();
        loopThread = me;
        CURRENT.set(this);
        try {
            return work.get();
        } finally {
            CURRENT.set(previous);
            loopThread = owner;
        }
    }

    private void enterLoop() {
        Thread me = Thread.currentThread();
        if (loopThread != null) {
            throw new IllegalStateException("this Appia's loop already runs on thread '" + loopThread.getName() + "'");
        }
        loopThread = me;
    }

    private void logFailure(Session session, Event event, Throwable error) {
        if (event == null) {
            LOG.warn("work submitted to the Appia loop failed; the loop goes on", error);
            return;
        }
        Channel ch = event.getChannel();
        LOG.warn("{} threw while handling {} in channel '{}'; the event is dropped, the loop goes on",
                session, event.getClass().getSimpleName(), ch == null ? "?" : ch.getChannelID(), error);
    }
}
