package org.maftia.replication;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.maftia.crypto.MalformedEncodingException;
import org.maftia.group.OperationInterruptedException;
import org.maftia.net.InetWithPort;
import org.maftia.net.client.ClientConnection;
import org.maftia.net.group.GroupConfig;
import org.maftia.net.group.SiteConfig;
import org.maftia.net.link.LinkKeyPair;
import org.maftia.replication.voting.VotingMulticast;
import org.maftia.replication.wire.ClientReply;

/**
 * A client's handle on a replicated service (spec 5.3.3): not a member of the group (open group),
 * it holds an authenticated link to every site and calls through Voting Multicast (Protocol 11):
 * a request goes to one member, every replica replies, and the result is what t+1 replicas replied
 * alike. Many threads may call at once, up to {@link ProxyOptions#window()} requests under way;
 * each proxy is a session of its client, and one client key should have one proxy at a time (a
 * later session supersedes an earlier one at the replicas).
 */
public final class ServiceProxy implements AutoCloseable {

    /** One site as a client reaches it: its client address and its link public key. */
    public record Member(InetSocketAddress clientAddress, byte[] linkPublicKey) {
    }

    private final List<Member> members;
    private final LinkKeyPair keys;
    private final ProxyOptions options;
    private final ClientConnection[] links;
    private final VotingMulticast voting;
    private final Semaphore window;
    private final ScheduledExecutorService timers;
    private volatile boolean closed;

    private ServiceProxy(int t, List<Member> members, LinkKeyPair keys, ProxyOptions options, long session) {
        this.members = List.copyOf(members);
        this.keys = keys;
        this.options = options;
        this.links = new ClientConnection[members.size()];
        this.voting = new VotingMulticast(members.size(), t, session, this::send);
        this.window = new Semaphore(options.window());
        this.timers = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "service-proxy-timeouts");
            thread.setDaemon(true);
            return thread;
        });
    }

    /** A proxy for the group whose members are {@code members} (ids 0..n-1 in order) and which tolerates {@code t}. */
    public static ServiceProxy connect(int t, List<Member> members, LinkKeyPair clientKeys, ProxyOptions options) {
        // A session number above every earlier one of this client: the time it began, in microseconds.
        return connect(t, members, clientKeys, options, System.currentTimeMillis() * 1000 + Math.floorMod(System.nanoTime(), 1000));
    }

    /** A proxy in session {@code session}: a caller group's member's, the same at every member. */
    static ServiceProxy connect(int t, List<Member> members, LinkKeyPair clientKeys, ProxyOptions options, long session) {
        if (members.size() <= 3 * t) {
            throw new IllegalArgumentException(members.size() + " members cannot tolerate t = " + t + " (n > 3t)");
        }
        return new ServiceProxy(t, members, clientKeys, options, session).connectAll();
    }

    /**
     * Executes {@code request} in the group's order and returns the reply t+1 replicas gave.
     *
     * @throws ServiceUnavailableException when every member was tried without t+1 alike replies
     * @throws RequestRefusedException when the replicas agreed to refuse it
     * @throws OperationInterruptedException if the calling thread was interrupted
     */
    public byte[] invokeOrdered(byte[] request) {
        return await(invokeAsync(request));
    }

    /** As {@link #invokeOrdered}, answered unordered when n-t replicas agree, ordered otherwise. */
    public byte[] invokeReadOnly(byte[] request) {
        try {
            return await(start(request, true));
        } catch (ServiceUnavailableException | RequestRefusedException disagreed) {
            return invokeOrdered(request);
        }
    }

    /** {@link #invokeOrdered} without blocking; waits only while the window is full. */
    public CompletableFuture<byte[]> invokeAsync(byte[] request) {
        return start(request, false);
    }

    private CompletableFuture<byte[]> start(byte[] request, boolean readOnly) {
        if (closed) {
            throw new IllegalStateException("the proxy is closed");
        }
        try {
            window.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new OperationInterruptedException("waiting for room in the proxy's window", e);
        }
        VotingMulticast.Invocation call;
        synchronized (voting) {
            call = readOnly ? voting.invokeReadOnly(request.clone()) : voting.invoke(request.clone());
        }
        scheduleTimeout(call.number());
        return call.result().whenComplete((r, e) -> window.release());
    }

    /**
     * Request {@code number}, numbered by the caller, without waiting: a full window fails it at
     * once (a caller group's replica calls on its protocol thread, which must not block).
     */
    CompletableFuture<byte[]> invokeNumbered(long number, byte[] request) {
        if (closed) {
            throw new IllegalStateException("the proxy is closed");
        }
        if (!window.tryAcquire()) {
            return CompletableFuture.failedFuture(new ServiceUnavailableException("call " + number + ": "
                    + options.window() + " calls are under way already"));
        }
        VotingMulticast.Invocation call;
        synchronized (voting) {
            call = voting.invoke(number, request.clone());
        }
        scheduleTimeout(call.number());
        return call.result().whenComplete((r, e) -> window.release());
    }

    private void scheduleTimeout(long number) {
        timers.schedule(() -> {
            boolean again;
            synchronized (voting) {
                again = voting.timeout(number);
            }
            if (again) {
                scheduleTimeout(number);
            }
        }, options.timeout().toMillis(), TimeUnit.MILLISECONDS);
    }

    private static byte[] await(CompletableFuture<byte[]> result) {
        try {
            return result.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new OperationInterruptedException("waiting for the group's reply", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new CompletionException(e.getCause());
        }
    }

    /** Sends to member {@code site}, connecting first if needed; a member that cannot be reached is left to the timeout. */
    private void send(int site, byte[] frame) {
        try {
            link(site).send(frame);
        } catch (IOException e) {
            synchronized (links) {
                links[site] = null;
            }
        }
    }

    private ClientConnection link(int site) throws IOException {
        synchronized (links) {
            ClientConnection link = links[site];
            if (link != null && link.isOpen()) {
                return link;
            }
            Member m = members.get(site);
            link = ClientConnection.connect(m.clientAddress(), m.linkPublicKey(), keys, options.connectTimeout(),
                    frame -> received(site, frame), () -> { });
            links[site] = link;
            return link;
        }
    }

    /** Lines 18-26: a reply of replica {@code site}, voted on; garbage from a corrupted replica is ignored. */
    private void received(int site, byte[] frame) {
        ClientReply reply;
        try {
            reply = ClientReply.decode(frame);
        } catch (MalformedEncodingException e) {
            return;
        }
        synchronized (voting) {
            voting.replied(site, reply);
        }
    }

    /**
     * A proxy for the group of {@code group}, whose sites serve clients on their client addresses.
     *
     * @throws IllegalArgumentException if a site of the group serves no clients
     */
    public static ServiceProxy connect(GroupConfig group, LinkKeyPair clientKeys, ProxyOptions options) {
        return connect(group.t(), members(group), clientKeys, options);
    }

    /** The sites of {@code group} as a client reaches them. */
    static List<Member> members(GroupConfig group) {
        List<Member> members = new ArrayList<>();
        for (SiteConfig s : group.sites()) {
            InetWithPort address = s.clientEndpoint().orElseThrow(() -> new IllegalArgumentException("site " + s.id()
                    + " of group '" + group.groupId() + "' serves no clients (no clientAddress in its group file)"));
            members.add(new Member(address.toSocketAddress(), s.linkPublicKey()));
        }
        return members;
    }

    /** Connects to every member now rather than on first use; members that cannot be reached are skipped. */
    public ServiceProxy connectAll() {
        for (int site = 0; site < members.size(); site++) {
            try {
                link(site);
            } catch (IOException e) {
                // left to the timeouts: a request to that member moves on to the next
            }
        }
        return this;
    }

    @Override
    public void close() {
        closed = true;
        timers.shutdownNow();
        synchronized (voting) {
            voting.failAll(new IllegalStateException("the proxy was closed"));
        }
        List<ClientConnection> open = new ArrayList<>();
        synchronized (links) {
            for (ClientConnection link : links) {
                if (link != null) {
                    open.add(link);
                }
            }
        }
        open.forEach(ClientConnection::close);
    }
}
