package org.maftia.group;

import java.nio.file.Path;
import java.util.Collections;
import java.util.WeakHashMap;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import org.maftia.appia.Appia;
import org.maftia.appia.Channel;
import org.maftia.appia.Layer;
import org.maftia.appia.QoS;
import org.maftia.group.core.GroupKeys;
import org.maftia.group.core.GroupLayer;
import org.maftia.group.core.GroupParameters;
import org.maftia.group.core.GroupSession;
import org.maftia.group.core.ProtocolInstance;
import org.maftia.group.core.VerificationStage;
import org.maftia.group.core.WireLimits;
import org.maftia.group.directory.GroupDirectory;
import org.maftia.net.InetWithPort;
import org.maftia.net.group.GroupConfig;
import org.maftia.net.link.AuthLinkLayer;
import org.maftia.net.link.LinkKeyPair;
import org.maftia.net.link.LinkSettings;
import org.maftia.net.tcp.TcpCompleteLayer;
import org.maftia.net.tcp.TcpSettings;
import org.maftia.ttcb.Ttcb;

/**
 * The runtime of one site (spec 3.2, 5.2.1): who it is in its group, its Appia and protocol
 * thread, its threshold keys by {@link KeyPurpose}, its transport (the channel: the network at the
 * bottom, the group session on top), and the local TTCB when the group uses one. An ordinary
 * object: a JVM may hold several, for demos and tests.
 *
 * <p>The protocols' constructors as section 3.2 gives them take ids only
 * ({@code new BinaryAgreement(protocolID, groupID)}); they run at the site {@link #current()}
 * resolves: the one bound to the calling thread by {@link #enter()}, else the only open site of
 * the JVM. Every protocol also has one constructor with the site first.
 *
 * <pre>
 * try (Site site = Site.load(Path.of("groups/bank"), 2)) {
 *     site.listening().join();
 *     AtomicStream stream = new AtomicStream(site, "orders", "bank");
 *     ...
 * }
 * </pre>
 */
public final class Site implements AutoCloseable {

    /**
     * The sites open in this JVM, for {@link #current()} when no site is bound to the thread; held
     * weakly, so a site dropped without {@link #close()} (a simulation's) does not stay.
     */
    private static final Set<Site> OPEN = Collections.synchronizedSet(Collections.newSetFromMap(new WeakHashMap<>()));
    private static final ThreadLocal<Site> BOUND = new ThreadLocal<>();

    private final Appia appia;
    private final Thread loop;
    private final Channel channel;
    private final GroupParameters parameters;
    private final SiteKeys keys;
    private final Ttcb ttcb;
    private volatile boolean closed;

    private Site(Appia appia, Thread loop, Channel channel, GroupParameters parameters, SiteKeys keys, Ttcb ttcb) {
        this.appia = appia;
        this.loop = loop;
        this.channel = channel;
        this.parameters = parameters;
        this.keys = keys;
        this.ttcb = ttcb;
        OPEN.add(this);
    }

    /** Site {@code id} of the group in {@code groupDirectory}, as {@link #load(Path, int, SiteOptions)} with the defaults. */
    public static Site load(Path groupDirectory, int id) {
        return load(groupDirectory, id, SiteOptions.DEFAULT);
    }

    /**
     * Site {@code id} of the group in {@code groupDirectory} (as {@code maftia keygen} writes it),
     * on the real network: TCP below, the authenticated links above it, the group session on
     * top, listening on the site's address in {@code group.yaml}; its protocol thread is started.
     *
     * @throws IllegalArgumentException naming the file and what is wrong with it
     */
    public static Site load(Path groupDirectory, int id, SiteOptions options) {
        GroupDirectory dir = new GroupDirectory(groupDirectory);
        GroupConfig group = dir.group();
        if (id < 0 || id >= group.n()) {
            throw new IllegalArgumentException("site " + id + " is not in group '" + group.groupId() + "' of "
                    + dir.root().resolve(GroupDirectory.GROUP_FILE) + ": its sites are 0.." + (group.n() - 1));
        }
        SiteKeys keys = SiteKeys.load(groupDirectory, id);
        return overTcp(group, id, dir.linkKeys(id), keys, options);
    }

    /**
     * Site {@code id} of {@code group} on the real network with the given keys: for a group whose
     * keys were dealt in this process (tests, demos, benchmarks).
     *
     * @throws IllegalArgumentException if the TCP frame cannot carry every message of a group of n ({@link WireLimits})
     */
    public static Site overTcp(GroupConfig group, int id, LinkKeyPair linkKeys, SiteKeys keys, SiteOptions options) {
        TcpSettings tcp = TcpSettings.DEFAULTS;
        new WireLimits(tcp.maxFrameBytes(), group.n());
        LinkSettings link = new LinkSettings(group, id, linkKeys, options.linkMode());
        Layer[] network = {
            new TcpCompleteLayer(tcp, link.connectionAuthenticator()),
            new AuthLinkLayer(link)
        };
        return builder(group.groupId(), id, group.n(), group.t())
                .keys(keys)
                .network(network)
                .listenOn(group.address(id))
                .verification(options.verification() == null ? VerificationStage.shared() : VerificationStage.on(options.verification()))
                .build();
    }

    /** A site assembled by hand: in the simulation, or over a network of the caller's choosing. */
    public static Builder builder(String groupId, int id, int n, int t) {
        return new Builder(new GroupParameters(groupId, id, n, t));
    }

    /** What {@link #builder} assembles. */
    public static final class Builder {
        private final GroupParameters parameters;
        private SiteKeys keys;
        private Appia appia;
        private Layer[] network;
        private InetWithPort listen;
        private VerificationStage stage = VerificationStage.INLINE;
        private Ttcb ttcb;

        private Builder(GroupParameters parameters) {
            this.parameters = parameters;
        }

        /** The site's threshold keys (required). */
        public Builder keys(SiteKeys keys) {
            this.keys = keys;
            return this;
        }

        /**
         * The Appia the site runs on, driven by the caller (a simulation steps it); without one
         * the site makes its own and runs it on a thread of its own.
         */
        public Builder appia(Appia appia) {
            this.appia = appia;
            return this;
        }

        /** The layers below the group session, bottom first (the network, the authenticated links; required). */
        public Builder network(Layer... below) {
            this.network = below.clone();
            return this;
        }

        /** The address the network layer listens on, if it listens (TCP). */
        public Builder listenOn(InetWithPort address) {
            this.listen = address;
            return this;
        }

        /** Runs the checks of incoming messages on {@code executor} instead of the protocol thread. */
        public Builder verifyOn(Executor executor) {
            return verification(VerificationStage.on(executor));
        }

        Builder verification(VerificationStage stage) {
            this.stage = stage;
            return this;
        }

        /** The local TTCB of this site's host, for the protocols of spec 5.2.2. */
        public Builder ttcb(Ttcb ttcb) {
            this.ttcb = ttcb;
            return this;
        }

        /** @throws IllegalArgumentException when the keys or the network are missing or do not fit */
        public Site build() {
            if (keys == null) {
                throw new IllegalArgumentException("site " + parameters.self() + " has no keys: call keys(SiteKeys.load(groupDirectory, "
                        + parameters.self() + ")) or keys(SiteKeys.dealInProcess(n, t, random).get(" + parameters.self() + "))");
            }
            if (keys.site() != parameters.self()) {
                throw new IllegalArgumentException("the keys are site " + keys.site() + "'s, not site " + parameters.self() + "'s");
            }
            if (network == null || network.length == 0) {
                throw new IllegalArgumentException("site " + parameters.self() + " has no network: call network(layers...)");
            }
            Layer[] layers = new Layer[network.length + 1];
            System.arraycopy(network, 0, layers, 0, network.length);
            layers[network.length] = new GroupLayer(parameters, GroupKeys.of(keys), listen, stage);
            Appia runOn = appia == null ? new Appia() : appia;
            Channel channel = new QoS("group-" + parameters.groupId(), layers)
                    .createUnboundChannel("group-" + parameters.groupId() + "-" + parameters.self(), runOn.getEventScheduler());
            channel.start();
            Thread loop = appia == null ? runOn.startThread("site-" + parameters.groupId() + "-" + parameters.self()) : null;
            return new Site(runOn, loop, channel, parameters, keys, ttcb);
        }
    }

    /**
     * The site the spec-shaped constructors use: the one bound to this thread by {@link #enter()},
     * else the JVM's only open site.
     *
     * @throws IllegalStateException when no site is open, or several are and none is bound
     */
    public static Site current() {
        Site bound = BOUND.get();
        if (bound != null) {
            return bound;
        }
        List<Site> open;
        synchronized (OPEN) {
            open = List.copyOf(OPEN);
        }
        if (open.size() == 1) {
            return open.get(0);
        }
        String why = open.isEmpty() ? "no site is open in this JVM" : open.size() + " sites are open in this JVM " + open
                + " and none is bound to thread '" + Thread.currentThread().getName() + "'";
        throw new IllegalStateException(why + ": pass the site as the first argument (new ReliableBroadcast(site, protocolID,"
                + " groupID, sender)), or construct within try (var scope = site.enter()) { ... }");
    }

    /** Binds this site to the calling thread until the scope closes. */
    public Scope enter() {
        Site previous = BOUND.get();
        BOUND.set(this);
        return () -> {
            if (previous == null) {
                BOUND.remove();
            } else {
                BOUND.set(previous);
            }
        };
    }

    /** A binding of a site to a thread. */
    public interface Scope extends AutoCloseable {
        @Override
        void close();
    }

    /** This site's id in its group, {@code 0..n-1}. */
    public int id() {
        return parameters.self();
    }

    public String groupId() {
        return parameters.groupId();
    }

    /** The number of sites in the group. */
    public int n() {
        return parameters.n();
    }

    /** The number of corrupted sites the group tolerates ({@code n > 3t}). */
    public int t() {
        return parameters.t();
    }

    public SiteKeys keys() {
        return keys;
    }

    /** The local TTCB, when the site was built with one. */
    public Optional<Ttcb> ttcb() {
        return Optional.ofNullable(ttcb);
    }

    public Appia appia() {
        return appia;
    }

    /** The site's channel: the network at the bottom, the group session on top. */
    public Channel channel() {
        return channel;
    }

    /** Completes with the bound address once the network layer listens (null on a network that does not listen). */
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

    /**
     * Closes the site: it leaves {@link #current()}'s choice and, if it runs its own protocol
     * thread, stops it. Protocols still running at the site stop with it. Idempotent.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        OPEN.remove(this);
        if (loop != null) {
            appia.execute(channel::end);
            appia.stop();
            try {
                loop.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    GroupKeys groupKeys() {
        return session().keys();
    }

    GroupSession session() {
        return GroupSession.of(channel);
    }

    void start(ProtocolInstance<?> instance) {
        appia.execute(() -> session().start(instance));
    }

    void checkGroup(String groupID) {
        if (!parameters.groupId().equals(groupID)) {
            throw new IllegalArgumentException("site " + parameters.self() + " is in group '" + parameters.groupId()
                    + "', not '" + groupID + "'");
        }
    }

    @Override
    public String toString() {
        return "Site[" + parameters.groupId() + "/" + parameters.self() + "]";
    }
}
