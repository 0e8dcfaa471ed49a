package org.maftia.replication;

/**
 * A service replicated over a group (spec 5.3.1: "to allow voting on results the servers are
 * assumed to be deterministic"): every honest replica executes the same requests in the same order
 * from the same state, so their replies are equal and a client takes the one t+1 of them give.
 *
 * <p>Deterministic means: the reply and the new state depend only on the state and the request,
 * never on time, randomness, thread scheduling, the replica's id, or iteration over unordered
 * collections. Every method runs on the site's protocol thread, one at a time; keep them short.
 */
public interface ReplicatedService {

    /** Executes an ordered request (every replica, the same order) and returns the reply. */
    byte[] execute(byte[] request, Invoker invoker);

    /**
     * Answers a request that changes nothing, at once and unordered; a client takes such an answer
     * only when enough replicas agree on it, and otherwise orders the request. Services without a
     * read-only path keep the default, which refuses.
     */
    default byte[] executeReadOnly(byte[] request, Invoker invoker) {
        throw new UnsupportedOperationException("this service has no read-only path");
    }

    /** The whole state, deterministically encoded: equal states give equal bytes. */
    byte[] snapshot();

    /** Replaces the state with one {@link #snapshot()} gave (at another replica). */
    void restore(byte[] snapshot);
}
