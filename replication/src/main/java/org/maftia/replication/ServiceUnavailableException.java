package org.maftia.replication;

/**
 * A request was sent to every member of the group in turn (Protocol 11, line 30: "halt and raise
 * exception") and t+1 matching replies never arrived: too many replicas are down, unreachable or
 * corrupted, or the client is not admitted by the group.
 */
public class ServiceUnavailableException extends RuntimeException {

    public ServiceUnavailableException(String message) {
        super(message);
    }
}
