package org.maftia.replication;

/**
 * The replicas agreed (t+1 identical replies) to refuse a request, for the reason given: too large,
 * a number outside the client's window, or the service failed on it. Retrying the same request
 * gives the same answer.
 */
public class RequestRefusedException extends RuntimeException {

    public RequestRefusedException(String message) {
        super(message);
    }
}
