package org.maftia.replication;

/**
 * What a replica dropped, refused and did, for monitoring. Requests: refused as too large, while
 * recovering, or because the client or the replica had too many in flight; received or ordered
 * again (duplicates, Protocol 12-13 history); ordered but not a request (a corrupted member's
 * broadcast); the service failing. State transfer: checkpoints taken, states taken from others,
 * states that were not what t+1 vouched for, chunk requests refused, and jumps of a running
 * replica left behind to a state the others vouched for. Caller groups: members' votes not
 * counted (a second, different operation under a number, or a member over its window).
 */
public record ReplicaCounts(long refusedTooLarge, long refusedRecovering, long refusedOverloaded, long duplicatesReceived,
                            long duplicatesOrdered, long malformedOrdered, long serviceFailures, long checkpoints,
                            long statesTransferred, long wrongStates, long chunkRequestsRefused, long jumps,
                            long votesRefused) {
}
