package org.maftia.group.core;

/**
 * One protocol instance at one site: an event handler driven by the messages it receives, never a
 * thread (DESIGN.md). Subclasses read like the spec's pseudo-code: one method per "upon" clause.
 */
public abstract class ProtocolInstance {

    private final String protocolId;
    private java.util.List<Runnable> untilAttached = new java.util.ArrayList<>();
    protected ProtocolContext ctx;

    protected ProtocolInstance(String protocolId) {
        this.protocolId = protocolId;
    }

    public final String protocolId() {
        return protocolId;
    }

    /** Attaches the instance to its site; called once, on the protocol thread. */
    final void attach(ProtocolContext context) {
        this.ctx = context;
        onStart();
        java.util.List<Runnable> deferred = untilAttached;
        untilAttached = null;
        deferred.forEach(Runnable::run);
    }

    /**
     * Runs {@code action} now if the instance is attached to its site, else as soon as it is (an
     * application may act on an instance before the site's channel has started).
     */
    protected final void whenAttached(Runnable action) {
        if (ctx != null) {
            action.run();
        } else {
            untilAttached.add(action);
        }
    }

    /** Frees the instance at its site: later messages for it are ignored. On the protocol thread. */
    public final void finish() {
        if (ctx != null) {
            ctx.finished();
        }
    }

    /** Runs when the instance is attached, before any message is handed to it. */
    protected void onStart() {
    }

    /**
     * Makes the expensive checks of a message ahead of {@link #onMessage}, in the site's
     * {@link VerificationStage} (DESIGN.md): the same checks the handler will make, through the
     * same {@link GroupKeys}, whose {@link VerifiedAhead} keeps the verdicts for the handler. Runs
     * off the protocol thread, concurrently with the handlers: read only what never changes (the
     * id, the keys, the context's group parameters). A message it cannot decode is left for the
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
