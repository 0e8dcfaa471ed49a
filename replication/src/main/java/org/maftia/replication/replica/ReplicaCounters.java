package org.maftia.replication.replica;

import org.maftia.replication.ReplicaCounts;

/** The counters of {@link ReplicaCounts}, written on the protocol thread. */
public final class ReplicaCounters {

    long refusedTooLarge;
    long refusedRecovering;
    long refusedOverloaded;
    long duplicatesReceived;
    long duplicatesOrdered;
    long malformedOrdered;
    long serviceFailures;
    long checkpoints;
    long statesTransferred;
    long wrongStates;
    long chunkRequestsRefused;
    long jumps;
    long votesRefused;

    /** A copy, readable on any thread. */
    public ReplicaCounts snapshot() {
        return new ReplicaCounts(refusedTooLarge, refusedRecovering, refusedOverloaded, duplicatesReceived, duplicatesOrdered,
                malformedOrdered, serviceFailures, checkpoints, statesTransferred, wrongStates, chunkRequestsRefused, jumps,
                votesRefused);
    }
}
