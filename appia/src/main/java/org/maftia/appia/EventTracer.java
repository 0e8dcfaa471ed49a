package org.maftia.appia;

/**
 * Sees every event as the loop hands it to a session, before {@code handle} runs. For traces,
 * debugging and the simulation's determinism checks; it must not send events itself.
 */
@FunctionalInterface
public interface EventTracer {

    void dispatching(Session target, Event event);
}
