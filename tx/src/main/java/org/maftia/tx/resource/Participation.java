package org.maftia.tx.resource;

import java.util.TreeSet;

/**
 * What one transaction did at this resource manager (the spec's {@code state} table, Protocol 16,
 * per transaction rather than per resource): the resources it wrote (saved before the first
 * write), whether an invocation was refused, and whether it is prepared (then it may not invoke
 * any more: Protocol 16 line 7 leaves a prepared resource alone).
 */
final class Participation {

    final TreeSet<String> written = new TreeSet<>();
    boolean failed;
    boolean prepared;
}
