package org.maftia.appia;

/**
 * Root of the Appia exception family (spec 2.1.3, Figure 2.4).
 *
 * <p>The specification declares these as thrown by the kernel calls ({@code go}, {@code init},
 * cursor moves, QoS definition). They are unchecked here so that protocol code reads like the
 * spec's pseudo-code instead of being wrapped in try/catch at every {@code go()}; the
 * {@code throws} clauses are kept on every method the spec lists them on, as documentation.
 * An exception escaping a session's {@code handle} is contained by the event loop and reported.
 */
public class AppiaException extends RuntimeException {

    public AppiaException(String message) {
        super(message);
    }

    public AppiaException(String message, Throwable cause) {
        super(message, cause);
    }
}
