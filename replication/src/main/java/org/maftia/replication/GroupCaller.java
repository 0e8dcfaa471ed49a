package org.maftia.replication;

import java.util.concurrent.CompletableFuture;
import org.maftia.net.group.GroupConfig;
import org.maftia.net.link.LinkKeyPair;

/**
 * The caller's side of a replicated group calling a replicated service (spec 5.3.3 with
 * {@code group(j)}; a transaction manager group calling resource manager groups, 5.3.4). Each
 * replica of the caller group holds one, with its member's client key (one of the callee's
 * {@link CallerGroup} members), and every honest replica makes the same calls: the same
 * {@code session} (fixed per caller group and callee), and for each call the same number and
 * operation, both decided by the caller's deterministic service from its replicated state (a
 * counter in it numbers the calls). The callee executes a call once t+1 members asked alike, and
 * each member takes the reply t+1 callee replicas gave alike (Protocol 11).
 *
 * <p>The reply completes each member's future on its own time; a caller that must act on it in
 * its replicated order orders it there itself (each member submits what it got; the group takes
 * it when t+1 agree).
 */
public final class GroupCaller implements AutoCloseable {

    private final ServiceProxy proxy;

    private GroupCaller(ServiceProxy proxy) {
        this.proxy = proxy;
    }

    /**
     * A member of a caller group calling the group of {@code callee} with {@code memberKeys} in {@code session}.
     *
     * @throws IllegalArgumentException if a site of the callee serves no clients
     */
    public static GroupCaller connect(GroupConfig callee, LinkKeyPair memberKeys, long session, ProxyOptions options) {
        return new GroupCaller(ServiceProxy.connect(callee.t(), ServiceProxy.members(callee), memberKeys, options, session));
    }

    /**
     * Call {@code number} of the session (numbers begin at 1, within the callee's client window);
     * never blocks: may be made on the caller's protocol thread. Fails with
     * {@link ServiceUnavailableException} if too few callee replicas replied alike (too few
     * members asked, or the callee is down), {@link RequestRefusedException} if the callee refused.
     */
    public CompletableFuture<byte[]> call(long number, byte[] operation) {
        return proxy.invokeNumbered(number, operation);
    }

    @Override
    public void close() {
        proxy.close();
    }
}
