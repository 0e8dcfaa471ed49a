package org.maftia.tx.client;

import org.maftia.replication.RequestRefusedException;
import org.maftia.replication.ServiceProxy;
import org.maftia.replication.ServiceUnavailableException;
import org.maftia.tx.Reply;

/** Requests to one transaction service group through its proxy, answered as {@link Reply}s, with the retry policy applied. */
final class GroupRequests {

    private final ServiceProxy proxy;
    private final RetryPolicy policy;
    private final String group;

    GroupRequests(ServiceProxy proxy, RetryPolicy policy, String group) {
        this.proxy = proxy;
        this.policy = policy;
        this.group = group;
    }

    RetryPolicy policy() {
        return policy;
    }

    /** An ordered request, tried again while the group says retry; ok or notOk. */
    Reply ordered(byte[] operation, String what) {
        for (int attempt = 1; ; attempt++) {
            Reply reply = once(operation, what);
            if (reply.result() != Reply.Result.RETRY) {
                return reply;
            }
            if (attempt == policy.attempts()) {
                throw new RetriesExhaustedException(what + " at " + group + ": " + reply.reason() + ", still after " + attempt + " tries");
            }
            pause(policy.pause(attempt).toNanos(), what);
        }
    }

    /** An ordered request, once, whatever the answer. */
    Reply once(byte[] operation, String what) {
        try {
            return Reply.decode(proxy.invokeOrdered(operation));
        } catch (ServiceUnavailableException | RequestRefusedException e) {
            throw new TransactionException(what + " at " + group + ": " + e.getMessage(), e);
        }
    }

    /** A read-only request (ordered if the replicas disagree). */
    Reply readOnly(byte[] operation, String what) {
        try {
            return Reply.decode(proxy.invokeReadOnly(operation));
        } catch (ServiceUnavailableException | RequestRefusedException e) {
            throw new TransactionException(what + " at " + group + ": " + e.getMessage(), e);
        }
    }

    /** The retry policy's back-off: the caller is a client thread, which waits for the group by design. */
    static void pause(long nanos, String what) {
        try {
            Thread.sleep(nanos / 1_000_000, (int) (nanos % 1_000_000));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TransactionException(what + ": interrupted while waiting to try again", e);
        }
    }
}
