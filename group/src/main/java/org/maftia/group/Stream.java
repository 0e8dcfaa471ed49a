package org.maftia.group;

import java.util.ArrayDeque;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;

/**
 * What every stream has (spec 3.2, class Stream): a long-lived channel of the group on which every
 * party sends payloads and receives them in sequence, until it closes. The stream closes once
 * t+1 distinct parties called {@link #close()} (so all honest parties closing closes it, the
 * adversary alone cannot); each party's close is a message of the stream like any other.
 *
 * <p>Flow control, as the spec describes it: the application must take what the stream delivers;
 * when {@link #window()} payloads wait unread, the protocol stalls (Protocol 7, line 16, "wait for
 * an acknowledgment") until the application reads; and {@link #send} blocks while
 * {@link #window()} of this party's own payloads are not yet delivered back to it.
 *
 * <p>Thread-safety: every public method may be called from any application thread; the protocol
 * hooks ({@link #submit}, {@link #submitClose}, {@link #resume}, {@link #abortProtocol}) run on the
 * site's protocol thread, which calls back {@link #deliver}, {@link #terminate} there.
 */
public abstract class Stream extends Protocol {


    private final int window;
    private final ArrayDeque<byte[]> inbox = new ArrayDeque<>();
    private final CompletableFuture<Void> termination = new CompletableFuture<>();
    /** This party's payloads handed to the protocol and not yet delivered back. */
    private int inFlight;
    private boolean closeCalled;
    private boolean terminated;
    private boolean aborted;
    private boolean stalled;

    protected Stream(Site site, String protocolID, String groupID, StreamOptions options) {
        super(site, protocolID, groupID);
        this.window = options.window();
    }

    public int window() {
        return window;
    }

    /**
     * Broadcasts {@code m} on the stream; blocks while {@link #canSend()} is false.
     *
     * @throws IllegalStateException after {@link #close()}, or when the stream ended
     * @throws OperationInterruptedException if the thread was interrupted while it waited
     */
    public void send(byte[] m) {
        checkPayload(m);
        byte[] copy = m.clone();
        synchronized (this) {
            while (inFlight >= window && open()) {
                waitHere("sending");
            }
            requireOpen();
            inFlight++;
        }
        site.onProtocolThread(() -> submit(copy));
    }

    /** True iff {@link #send} would not block now. */
    public synchronized boolean canSend() {
        return open() && inFlight < window;
    }

    /**
     * The next payload delivered on the stream; blocks until there is one.
     *
     * @throws StreamClosedException once the stream closed and every payload before the close was received
     * @throws CancellationException if the stream was aborted
     * @throws OperationInterruptedException if the thread was interrupted while it waited
     */
    public byte[] receive() {
        synchronized (this) {
            while (inbox.isEmpty()) {
                if (aborted) {
                    throw new CancellationException("stream " + protocolID + " aborted");
                }
                if (terminated) {
                    throw new StreamClosedException("stream " + protocolID + " is closed: every payload was received");
                }
                waitHere("receiving");
            }
            byte[] m = inbox.poll();
            resumeIfDrained();
            return m;
        }
    }

    public synchronized boolean canReceive() {
        return !inbox.isEmpty();
    }

    /** Says this party is done sending; the stream closes when t+1 parties said so. Idempotent. */
    public void close() {
        synchronized (this) {
            if (closeCalled || terminated || aborted) {
                return;
            }
            closeCalled = true;
            notifyAll();
        }
        site.onProtocolThread(this::submitClose);
    }

    /** True once the stream terminated and every payload it delivered was received. */
    public synchronized boolean isClosed() {
        return terminated && inbox.isEmpty();
    }

    /** Waits for the stream to terminate, receiving and discarding what it delivers meanwhile. */
    public void waitDone() {
        synchronized (this) {
            while (true) {
                if (!inbox.isEmpty()) {
                    inbox.clear();
                    resumeIfDrained();
                }
                if (aborted) {
                    throw new CancellationException("stream " + protocolID + " aborted");
                }
                if (terminated) {
                    return;
                }
                waitHere("waiting for the end");
            }
        }
    }

    /** {@link #close()} then {@link #waitDone()}. */
    public void closeWait() {
        close();
        waitDone();
    }

    /** Completes when the stream terminates (the application may still have payloads to receive). */
    public CompletableFuture<Void> termination() {
        return termination;
    }

    /**
     * Leaves the stream at once: this party's instances are freed, payloads not yet received are
     * dropped, and every call after (or blocked in) {@link #receive}, {@link #waitDone} or
     * {@link #send} fails; the other parties' state is unspecified (spec 3.2).
     */
    @Override
    public void abort() {
        synchronized (this) {
            if (terminated || aborted) {
                return;
            }
            aborted = true;
            inbox.clear(); // receive() must not hand out what an aborted stream delivered
            notifyAll();
        }
        termination.completeExceptionally(new CancellationException("stream " + protocolID + " aborted"));
        site.onProtocolThread(this::abortProtocol);
    }

    // ---- for the protocols, on the protocol thread ----

    /** Hands this party's payload to the protocol. */
    protected abstract void submit(byte[] m);

    /** Sends this party's close on the stream. */
    protected abstract void submitClose();

    /** The application caught up after a stall: the protocol delivers again. */
    protected abstract void resume();

    /** Aborts the protocol's instance at this site, and with it every sub-protocol (the application's abort). */
    protected abstract void abortProtocol();

    /**
     * Gives {@code m} to the application; {@code own} when it is one of this party's payloads.
     *
     * @return false when the application's window is full: the protocol must stall until {@link #resume()}
     */
    protected final synchronized boolean deliver(byte[] m, boolean own) {
        if (aborted) {
            return false;
        }
        if (own && inFlight > 0) {
            inFlight--;
        }
        inbox.add(m);
        notifyAll();
        if (inbox.size() >= window) {
            stalled = true;
            return false;
        }
        return true;
    }

    /**
     * One of this party's payloads leaves the flight without being delivered back as its own: an
     * atomic broadcast delivers a payload once, and it was delivered before, or as another party's copy.
     */
    protected final synchronized void settled() {
        if (inFlight > 0) {
            inFlight--;
            notifyAll();
        }
    }

    /** True while the protocol may deliver (the application's window has room). */
    protected final synchronized boolean accepting() {
        return !aborted && inbox.size() < window;
    }

    /** The stream terminated (t+1 closes delivered); frees nothing by itself. */
    protected final void terminate() {
        synchronized (this) {
            if (terminated || aborted) {
                return;
            }
            terminated = true;
            notifyAll();
        }
        termination.complete(null);
    }

    /** Closes counted when the stream terminates: more than t, from distinct parties (spec 3.2). */
    protected final int closesToTerminate() {
        return site.t() + 1;
    }

    /** Refuses a payload the stream cannot carry; every payload fits by default. */
    void checkPayload(byte[] m) {
    }

    /** Waits on this stream's monitor (held) for a change. */
    private void waitHere(String what) {
        try {
            wait();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new OperationInterruptedException(what + " on stream " + protocolID + " interrupted", e);
        }
    }

    private boolean open() {
        return !closeCalled && !terminated && !aborted;
    }

    private void requireOpen() {
        if (!open()) {
            throw new IllegalStateException("stream " + protocolID + (aborted ? " was aborted"
                    : terminated ? " is closed" : ": this party called close(), it may not send any more"));
        }
    }

    /** Called with the lock held after the application took payloads. */
    private void resumeIfDrained() {
        if (stalled && inbox.size() <= window / 2) {
            stalled = false;
            site.onProtocolThread(this::resume);
        }
    }
}
