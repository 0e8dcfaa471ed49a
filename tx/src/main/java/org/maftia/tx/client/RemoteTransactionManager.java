package org.maftia.tx.client;

import java.util.Locale;
import org.maftia.net.group.GroupConfig;
import org.maftia.net.link.LinkKeyPair;
import org.maftia.replication.ProxyOptions;
import org.maftia.replication.ServiceProxy;
import org.maftia.tx.Reply;
import org.maftia.tx.TransactionId;
import org.maftia.tx.manager.TmOperation;
import org.maftia.tx.manager.TransactionState;

/** The {@link TransactionManager} of a replicated transaction manager group, reached through Voting Multicast. */
public final class RemoteTransactionManager implements TransactionManager, AutoCloseable {

    /** How a status reply begins once every resource manager group acknowledged the outcome. */
    private static final String ENDED = "ended ";

    private final ServiceProxy proxy;
    private final GroupRequests requests;

    private RemoteTransactionManager(ServiceProxy proxy, RetryPolicy policy, String group) {
        this.proxy = proxy;
        this.requests = new GroupRequests(proxy, policy, group);
    }

    /** A client with {@code keys} of the transaction manager group {@code group}. */
    public static RemoteTransactionManager connect(GroupConfig group, LinkKeyPair keys, ProxyOptions options, RetryPolicy policy) {
        return new RemoteTransactionManager(ServiceProxy.connect(group, keys, options), policy, group.groupId());
    }

    @Override
    public TransactionId begin() {
        Reply reply = requests.ordered(new TmOperation.Begin().encode(), "begin");
        return new TransactionId(required(reply, "begin").value());
    }

    @Override
    public TransactionId join(TransactionId tid) {
        required(requests.ordered(new TmOperation.Join(tid).encode(), "join"), "join " + tid);
        return tid;
    }

    /**
     * Votes commit, then reads the state with back-off until the transaction aborted, or
     * committed and every resource manager group applied it (Protocol 22: the transaction ended),
     * so that what the client reads next at a bank includes it; or until the policy's wait is over.
     */
    @Override
    public void commit(TransactionId tid) {
        Reply reply = required(requests.ordered(new TmOperation.Commit(tid).encode(), "commit"), "commit " + tid);
        long deadline = System.nanoTime() + requests.policy().outcomeWait().toNanos();
        for (int attempt = 1; !settled(reply); attempt++) {
            if (System.nanoTime() > deadline) {
                throw new OutcomeUnknownException(tid + " is still " + reply.reason() + " after " + requests.policy().outcomeWait());
            }
            GroupRequests.pause(requests.policy().pause(attempt).toNanos(), "commit " + tid);
            reply = required(requests.readOnly(new TmOperation.Status(tid).encode(), "status"), "status of " + tid);
        }
        if (stateOf(reply) == TransactionState.ABORTED) {
            throw new TransactionAbortedException(tid + " aborted");
        }
    }

    /** Aborted, or committed and ended. */
    private static boolean settled(Reply reply) {
        return stateOf(reply) == TransactionState.ABORTED || reply.reason().startsWith(ENDED);
    }

    @Override
    public void abort(TransactionId tid) {
        required(requests.ordered(new TmOperation.Abort(tid).encode(), "abort"), "abort " + tid);
    }

    @Override
    public void registerResource(TransactionId tid, String oid, ResourceManager manager) {
        manager.enlist(tid, oid);
    }

    @Override
    public TransactionState status(TransactionId tid) {
        return stateOf(required(requests.readOnly(new TmOperation.Status(tid).encode(), "status"), "status of " + tid));
    }

    @Override
    public String getStatus() {
        return required(requests.readOnly(new TmOperation.Summary().encode(), "summary"), "summary").reason();
    }

    /** The state a reply names ("preparing", "ended committed", ...). */
    private static TransactionState stateOf(Reply reply) {
        String label = reply.reason().startsWith(ENDED) ? reply.reason().substring(ENDED.length()) : reply.reason();
        return TransactionState.valueOf(label.toUpperCase(Locale.ROOT));
    }

    static Reply required(Reply reply, String what) {
        if (!reply.ok()) {
            throw new TransactionRefusedException(what + ": " + reply.reason());
        }
        return reply;
    }

    @Override
    public void close() {
        proxy.close();
    }
}
