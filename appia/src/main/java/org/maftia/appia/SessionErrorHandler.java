package org.maftia.appia;

/**
 * Told when a session's {@code handle} throws, or a task given to {@link Appia#execute} does
 * (then {@code session} and {@code event} are null). The event loop contains the failure: the
 * event or task is dropped, the loop goes on.
 */
@FunctionalInterface
public interface SessionErrorHandler {

    void sessionFailed(Session session, Event event, Throwable error);
}
