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

    /** Votes commit, then reads the state with back-off until the outcome is known or the policy's wait is over. */
    @Override
    public void commit(TransactionId tid) {
        TransactionState state = stateOf(required(requests.ordered(new TmOperation.Commit(tid).encode(), "commit"), "commit " + tid));
        long deadline = System.nanoTime() + requests.policy().outcomeWait().toNanos();
        for (int attempt = 1; !state.decided(); attempt++) {
            if (System.nanoTime() > deadline) {
                throw new OutcomeUnknownException(tid + " is still " + state.label() + " after " + requests.policy().outcomeWait());
            }
            GroupRequests.pause(requests.policy().pause(attempt).toNanos(), "commit " + tid);
            state = status(tid);
        }
        if (state == TransactionState.ABORTED) {
            throw new TransactionAbortedException(tid + " aborted");
        }
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
        String label = reply.reason().startsWith("ended ") ? reply.reason().substring(6) : reply.reason();
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
