package org.maftia.tx.client;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.maftia.net.group.GroupConfig;
import org.maftia.net.link.LinkKeyPair;
import org.maftia.replication.ProxyOptions;
import org.maftia.replication.ServiceProxy;
import org.maftia.tx.TransactionId;
import org.maftia.tx.lock.LockMode;
import org.maftia.tx.resource.RmOperation;

/** The {@link ResourceManager} of a replicated resource manager group, reached through Voting Multicast. */
public final class RemoteResourceManager implements ResourceManager, AutoCloseable {

    private final ServiceProxy proxy;
    private final GroupRequests requests;

    private RemoteResourceManager(ServiceProxy proxy, RetryPolicy policy, String group) {
        this.proxy = proxy;
        this.requests = new GroupRequests(proxy, policy, group);
    }

    /** A client with {@code keys} of the resource manager group {@code group}. */
    public static RemoteResourceManager connect(GroupConfig group, LinkKeyPair keys, ProxyOptions options, RetryPolicy policy) {
        return new RemoteResourceManager(ServiceProxy.connect(group, keys, options), policy, group.groupId());
    }

    @Override
    public String invoke(TransactionId tid, String oid, String method, String... args) {
        byte[] value = RemoteTransactionManager.required(requests.ordered(
                new RmOperation.Invoke(tid, oid, method, List.of(args)).encode(), method), method + " on " + oid).value();
        return new String(value, StandardCharsets.UTF_8);
    }

    @Override
    public void setLock(TransactionId tid, String oid, LockMode mode) {
        RemoteTransactionManager.required(requests.ordered(new RmOperation.SetLock(tid, oid, mode).encode(), "lock"), "lock " + oid);
    }

    @Override
    public void enlist(TransactionId tid, String oid) {
        RemoteTransactionManager.required(requests.ordered(new RmOperation.Enlist(tid, oid).encode(), "register"), "register " + oid);
    }

    @Override
    public String getStatus() {
        return RemoteTransactionManager.required(requests.readOnly(new RmOperation.Status().encode(), "status"), "status").reason();
    }

    @Override
    public void close() {
        proxy.close();
    }
}
