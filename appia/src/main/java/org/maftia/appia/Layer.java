package org.maftia.appia;

/**
 * The static description of a micro-protocol (spec 2.1.3, class Layer): the events its sessions
 * generate ({@link #evProvide}), need from the rest of the stack ({@link #evRequire}) and want to
 * receive ({@link #evAccept}), and the factory of its sessions.
 *
 * <p>A subclass fills the three arrays in its constructor, for example
 * <pre>{@code
 * evProvide = events(SeqEvent.class);
 * evRequire = events(ChannelInit.class);
 * evAccept  = events(SendableEvent.class, ChannelInit.class);
 * }</pre>
 * Declaring a class covers its subclasses. A {@link QoS} takes a snapshot of the arrays when it
 * is defined; changing them afterwards has no effect on that QoS.
 */
public abstract class Layer {

    private static final Class<? extends Event>[] NONE = events();

    /** Events this layer's sessions create and send; sending any other fails fast. */
    protected Class<? extends Event>[] evProvide = NONE;
    /** Events some other layer of the QoS must provide. */
    protected Class<? extends Event>[] evRequire = NONE;
    /** Events this layer's sessions receive; no other event ever reaches them. */
    protected Class<? extends Event>[] evAccept = NONE;

    /** Creates a new session of this protocol. */
    public abstract Session createSession();

    /**
     * Called when {@code channel} stops and dismisses {@code session}. A session shared by other
     * channels is still in use by them.
     */
    public void channelDispose(Session session, Channel channel) {
        // Nothing to release by default.
    }

    public Class<? extends Event>[] getProvidedEvents() {
        return evProvide.clone();
    }

    public Class<? extends Event>[] getRequiredEvents() {
        return evRequire.clone();
    }

    public Class<? extends Event>[] getAcceptedEvents() {
        return evAccept.clone();
    }

    /** Builds an event-class array for the three declarations. */
    @SafeVarargs
    protected static Class<? extends Event>[] events(Class<? extends Event>... classes) {
        return classes;
    }

    @Override
    public String toString() {
        return getClass().getSimpleName();
    }
}
