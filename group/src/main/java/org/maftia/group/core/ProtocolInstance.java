package org.maftia.group.core;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * One protocol instance at one site: an event handler driven by the messages it receives, never a
 * thread. Subclasses read like the spec's pseudo-code: one method per "upon" clause.
 *
 * <p>Instances form a tree (convention 5 of spec 5.2.1: a sub-protocol is tagged with its parent's
 * id): an instance started with {@link ProtocolContext#start} is a child of the one that started
 * it, and ending an instance ends its children first, so a finished VBA leaves none of its n
 * consistent broadcasts and binary agreements behind. The {@link Lifecycle} says where an instance
 * is; every change is checked against its table of legal moves.
 *
 * <p>A message is read once (docs/architecture.md, "Threads"): the session
 * {@linkplain #decode decodes} it strictly into the instance's message type {@code M}, runs its
 * declared {@linkplain #check checks} in the {@link VerificationStage}, and hands the handler
 * ({@link #onMessage}) the typed message; a body that does not decode is dropped and counted and
 * never reaches the handler.
 *
 * @param <M> the instance's messages: its protocol's sealed interface of records
 */
public abstract class ProtocolInstance<M extends WireMessage> {

    private final String protocolId;
    private Lifecycle state = Lifecycle.NEW;
    private ProtocolInstance<?> parent;
    private final Set<ProtocolInstance<?>> children = new LinkedHashSet<>();
    private List<Runnable> untilAttached = new ArrayList<>();
    protected ProtocolContext ctx;

    protected ProtocolInstance(String protocolId) {
        this.protocolId = protocolId;
    }

    public final String protocolId() {
        return protocolId;
    }

    public final Lifecycle state() {
        return state;
    }

    /** The sub-protocols running under this instance, for monitoring and tests. */
    public final List<ProtocolInstance<?>> children() {
        return List.copyOf(children);
    }

    /** Attaches the instance to its site; called once, on the protocol thread. */
    final void attach(ProtocolContext context) {
        if (state.ended()) {
            return; // ended before its site started it: nothing to run
        }
        move(Lifecycle.RUNNING);
        this.ctx = context;
        onStart();
        List<Runnable> deferred = untilAttached;
        untilAttached = null;
        deferred.forEach(Runnable::run);
    }

    /** Makes {@code child}, which this instance starts, one of its sub-protocols. */
    final void adopt(ProtocolInstance<?> child) {
        if (child.parent != null) {
            throw new IllegalStateException(child.protocolId + " is already a sub-protocol of " + child.parent.protocolId);
        }
        child.parent = this;
        children.add(child);
    }

    /**
     * Runs {@code action} now if the instance is attached to its site, else as soon as it is (an
     * application may act on an instance before the site's channel has started).
     */
    protected final void whenAttached(Runnable action) {
        if (ctx != null) {
            action.run();
        } else if (untilAttached != null) {
            untilAttached.add(action);
        }
    }

    /** The protocol is done: ends it and its sub-protocols at this site. On the protocol thread; idempotent. */
    public final void finish() {
        end(Lifecycle.FINISHED);
    }

    /** The application gives up (spec 3.2, {@code abort}): as {@link #finish()}, recorded as aborted. */
    public final void abort() {
        end(Lifecycle.ABORTED);
    }

    private void end(Lifecycle how) {
        if (state.ended()) {
            return;
        }
        for (ProtocolInstance<?> child : List.copyOf(children)) {
            child.end(how);
        }
        move(how);
        untilAttached = null;
        onEnd();
        if (parent != null) {
            parent.children.remove(this);
        }
        if (ctx != null) {
            ctx.finished();
        }
    }

    private void move(Lifecycle next) {
        if (!state.canBecome(next)) {
            throw new IllegalStateException(protocolId + " cannot go from " + state + " to " + next);
        }
        state = next;
    }

    /**
     * Runs when the instance ends, finished or aborted, after its sub-protocols ended: drop what it
     * holds. On the protocol thread.
     */
    protected void onEnd() {
    }

    /** Runs when the instance is attached, before any message is handed to it. */
    protected void onStart() {
    }

    /**
     * Decodes one message of this protocol, strictly (lengths, ranges, ids): called once per
     * message, by the session in its {@link VerificationStage} or just before the handler. Runs
     * off the protocol thread, concurrently with the handlers: read only what never changes (the
     * id, the limits, the context's group parameters).
     *
     * @throws MalformedMessageException when the body is no message of this protocol; the session
     *         drops and counts it, and the handler never sees it
     */
    protected abstract M decode(int type, byte[] body) throws MalformedMessageException;

    /**
     * The declared checks of {@code message} from {@code from}: the expensive share, signature
     * and proof verifications its handler makes, made here first through the same
     * {@link GroupKeys}, whose {@link VerifiedAhead} keeps the verdicts so that the handler's own
     * verification is a memo hit. Runs in the site's {@link VerificationStage}, off the protocol
     * thread and concurrently with the handlers: read only what never changes, as {@link #decode},
     * or what is made to be shared between threads. By default a message declares no checks.
     */
    protected void check(int from, M message) {
    }

    /**
     * Handles one message from party {@code from} (authenticated), decoded and checked.
     *
     * @throws MalformedMessageException when the message breaks the protocol's rules; the session
     *         drops and counts it
     */
    protected abstract void onMessage(int from, M message) throws MalformedMessageException;
}
