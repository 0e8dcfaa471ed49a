package org.maftia.appia;

/**
 * Told when a session's {@code handle} throws. The event loop contains the failure: the event is
 * dropped, the loop goes on with the next event.
 */
@FunctionalInterface
public interface SessionErrorHandler {

    void sessionFailed(Session session, Event event, Throwable error);
}
