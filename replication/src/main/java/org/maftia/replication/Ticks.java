package org.maftia.replication;

import java.time.Duration;

/**
 * Runs a replica's housekeeping periodically: a scheduler thread in a process, the virtual clock
 * in the simulation. The task itself hops onto the site's protocol thread.
 */
@FunctionalInterface
public interface Ticks {

    void every(Duration period, Runnable task);
}
