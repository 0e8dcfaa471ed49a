package org.maftia.tx.resource;

/** A method a resource declines (unknown, bad arguments, or against its rules, like an overdraft). */
public final class ResourceRefusedException extends Exception {

    public ResourceRefusedException(String message) {
        super(message);
    }
}
