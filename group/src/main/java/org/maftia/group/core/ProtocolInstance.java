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
 */
public abstract class ProtocolInstance {

    private final String protocolId;
    private Lifecycle state = Lifecycle.NEW;
    private ProtocolInstance parent;
    private final Set<ProtocolInstance> children = new LinkedHashSet<>();
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
    public final List<ProtocolInstance> children() {
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
    final void adopt(ProtocolInstance child) {
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
        for (ProtocolInstance child : List.copyOf(children)) {
            child.end(how);
        }
        move(how);
        untilAttached = null;
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

    /** Runs when the instance is attached, before any message is handed to it. */
    protected void onStart() {
    }

    /**
     * Makes the expensive checks of a message ahead of {@link #onMessage}, in the site's
     * {@link VerificationStage}: the same checks the handler will make, through the same
     * {@link GroupKeys}, whose {@link VerifiedAhead} keeps the verdicts for the handler. Runs off
     * the protocol thread, concurrently with the handlers: read only what never changes (the id,
     * the keys, the context's group parameters). A message it cannot decode is left for the
     * handler to refuse. By default nothing is checked ahead.
     */
    protected void checkAhead(int from, int type, byte[] body) {
    }

    /**
     * Handles one message from party {@code from} (authenticated).
     *
     * @throws MalformedMessageException when the message does not decode or breaks the protocol's
     *         rules; the session drops and counts it
     */
    protected abstract void onMessage(int from, int type, byte[] body) throws MalformedMessageException;
}
