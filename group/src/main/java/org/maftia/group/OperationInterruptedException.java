package org.maftia.group;

/**
 * A blocking call of the communication services ({@code negotiate}, {@code receive}, {@code send}
 * on a full stream, {@code waitDone}) was interrupted. Section 3.2 declares these calls without
 * checked exceptions, so an interruption surfaces as this unchecked exception; the thread's
 * interrupt status is set again, so code up the stack still sees it.
 */
public class OperationInterruptedException extends RuntimeException {

    public OperationInterruptedException(String message, InterruptedException cause) {
        super(message, cause);
    }
}
