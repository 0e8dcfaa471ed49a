package org.maftia.tx.lock;

/** The lock a method needs (spec 5.3.5: one writer, multiple readers). */
public enum LockMode {
    READ,
    WRITE
}
