package org.maftia.group;

import java.util.concurrent.CompletableFuture;
import org.maftia.appia.Appia;
import org.maftia.appia.Channel;
import org.maftia.appia.ChannelCursor;
import org.maftia.appia.Layer;
import org.maftia.appia.QoS;
import org.maftia.group.core.GroupLayer;
import org.maftia.group.core.GroupParameters;
import org.maftia.group.core.GroupSession;
import org.maftia.group.core.ProtocolInstance;
import org.maftia.group.core.VerificationStage;
import org.maftia.group.core.WireLimits;
import org.maftia.net.InetWithPort;
import org.maftia.net.group.GroupConfig;
import org.maftia.net.link.AuthLinkLayer;
import org.maftia.net.link.LinkKeyPair;
import org.maftia.net.link.LinkMode;
import org.maftia.net.link.LinkSettings;
import org.maftia.net.tcp.TcpCompleteLayer;
import org.maftia.net.tcp.TcpSettings;

/**
 * One site of a group as the communication services see it (DESIGN.md, "Binding the spec's API to
 * a site"): its Appia, its channel (the network below, the group session on top) and its group.
 * An ordinary object: a JVM may hold several. The spec-shaped constructors of the protocols find
 * the site through {@link #current()}, bound with {@link #enter()}; every protocol also takes the
 * site as its first argument.
 */
public final class GroupSite {

    private static final ThreadLocal<GroupSite> CURRENT = new ThreadLocal<>();

    private final Appia appia;
    private final Channel channel;
    private final GroupParameters parameters;

    private GroupSite(Appia appia, Channel channel, GroupParameters parameters) {
        this.appia = appia;
        this.channel = channel;
        this.parameters = parameters;
    }

    /**
     * A site whose channel is {@code below} (bottom first: the network, the authenticated link,
     * or the simulated network) with the group session on top; the channel is started.
     */
    public static GroupSite create(Appia appia, GroupParameters parameters, Layer... below) {
        return create(appia, parameters, VerificationStage.INLINE, below);
    }

    /** As {@link #create(Appia, GroupParameters, Layer...)}, with incoming messages checked ahead on {@code stage}. */
    public static GroupSite create(Appia appia, GroupParameters parameters, VerificationStage stage, Layer... below) {
        Layer[] layers = new Layer[below.length + 1];
        System.arraycopy(below, 0, layers, 0, below.length);
        layers[below.length] = new GroupLayer(parameters, null, stage);
        Channel channel = new QoS("group-" + parameters.groupId(), layers)
                .createUnboundChannel("group-" + parameters.groupId() + "-" + parameters.self(), appia.getEventScheduler());
        channel.start();
        return new GroupSite(appia, channel, parameters);
    }

    /**
     * A site on the real network: TCP below, the authenticated link above it, the group session
     * on top, listening on the site's address from the group configuration; incoming messages are
     * checked on the JVM's shared verification pool. Wait on
     * {@code session().listening()} (from the protocol thread) or {@link #listening()}.
     *
     * @throws IllegalArgumentException if the TCP frame cannot carry every message of a group of n ({@link WireLimits})
     */
    public static GroupSite overTcp(Appia appia, GroupConfig group, int self, LinkKeyPair linkKeys, LinkMode mode) {
        GroupParameters p = new GroupParameters(group.groupId(), self, group.n(), group.t());
        TcpSettings tcp = TcpSettings.DEFAULTS;
        new WireLimits(tcp.maxFrameBytes(), group.n());
        Layer[] layers = {
            new TcpCompleteLayer(tcp),
            new AuthLinkLayer(new LinkSettings(group, self, linkKeys, mode)),
            new GroupLayer(p, group.address(self), VerificationStage.shared())
        };
        Channel channel = new QoS("group-" + p.groupId(), layers)
                .createUnboundChannel("group-" + p.groupId() + "-" + self, appia.getEventScheduler());
        channel.start();
        return new GroupSite(appia, channel, p);
    }

    /** Completes with the bound address once the network layer listens. */
    public CompletableFuture<InetWithPort> listening() {
        CompletableFuture<InetWithPort> result = new CompletableFuture<>();
        appia.execute(() -> session().listening().whenComplete((a, e) -> {
            if (e != null) {
                result.completeExceptionally(e);
            } else {
                result.complete(a);
            }
        }));
        return result;
    }

    /** The site bound to this thread by {@link #enter()}. */
    public static GroupSite current() {
        GroupSite site = CURRENT.get();
        if (site == null) {
            throw new IllegalStateException("no group site is bound to thread '" + Thread.currentThread().getName()
                    + "': pass the GroupSite as the first argument (new ReliableBroadcast(site, ...)), or call within"
                    + " try (var scope = site.enter()) { ... }");
        }
        return site;
    }

    /** Binds this site to the calling thread until the scope closes. */
    public Scope enter() {
        GroupSite previous = CURRENT.get();
        CURRENT.set(this);
        return () -> {
            if (previous == null) {
                CURRENT.remove();
            } else {
                CURRENT.set(previous);
            }
        };
    }

    /** A binding of a site to a thread. */
    public interface Scope extends AutoCloseable {
        @Override
        void close();
    }

    public GroupParameters parameters() {
        return parameters;
    }

    public Appia appia() {
        return appia;
    }

    public Channel channel() {
        return channel;
    }

    /** The group session, for monitoring; touch it only on the protocol thread. */
    public GroupSession session() {
        ChannelCursor c = channel.getCursor();
        c.top();
        return (GroupSession) c.getSession();
    }

    /** Starts a protocol instance on the protocol thread. */
    public void start(ProtocolInstance instance) {
        appia.execute(() -> session().start(instance));
    }

    /** Runs {@code action} on the protocol thread; the future completes when it ran. */
    public CompletableFuture<Void> onProtocolThread(Runnable action) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        appia.execute(() -> {
            try {
                action.run();
                done.complete(null);
            } catch (RuntimeException e) {
                done.completeExceptionally(e);
            }
        });
        return done;
    }

    void checkGroup(String groupID) {
        if (!parameters.groupId().equals(groupID)) {
            throw new IllegalArgumentException("site " + parameters.self() + " is in group '" + parameters.groupId()
                    + "', not '" + groupID + "'");
        }
    }

    @Override
    public String toString() {
        return "GroupSite[" + parameters.groupId() + "/" + parameters.self() + "]";
    }
}
