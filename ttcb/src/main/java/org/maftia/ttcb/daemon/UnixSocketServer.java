package org.maftia.ttcb.daemon;

import java.io.IOException;
import java.net.ConnectException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipalNotFoundException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import jdk.net.ExtendedSocketOptions;
import org.maftia.ttcb.core.EntityGateway;
import org.maftia.ttcb.core.TtcbScheduler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The local channel of the daemon: a Unix domain socket (mode 0660, group {@value #GROUP} when the
 * host has one) on which entities send
 * frames; each frame goes to the TTCB's thread, its reply comes back when ready. A connection
 * that sends a malformed length is closed; a bounded number of calls may be in flight per
 * connection, so a flood costs the flooder, not the TTCB's memory. No entity can hold up the
 * others: replies leave through each connection's own bounded outbox, a frame must arrive within
 * the read timeout once begun (and the first one once connected), and no user may hold more than
 * half of the connections.
 */
public final class UnixSocketServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(UnixSocketServer.class);
    private static final int MAX_CONNECTIONS = 1024;
    static final int MAX_PER_USER = MAX_CONNECTIONS / 2;
    static final long READ_TIMEOUT_SECONDS = 5;
    private static final int S_IFMT = 0170000;
    private static final int S_IFSOCK = 0140000;
    /** The group of the host's entities: the socket is theirs to connect to (mode 0660). */
    static final String GROUP = "maftia";

    private final Path path;
    private final ServerSocketChannel server;
    private final EntityGateway gateway;
    private final CallQueue calls;
    private final Semaphore connections = new Semaphore(MAX_CONNECTIONS);
    private final ConcurrentHashMap<String, Integer> perUser = new ConcurrentHashMap<>();
    private final Set<EntityConnection> open = ConcurrentHashMap.newKeySet();
    private final SocketCounters counters = new SocketCounters();
    private final ScheduledExecutorService sweeper = Executors.newSingleThreadScheduledExecutor(
            r -> Thread.ofPlatform().daemon().name("ttcb-socket-sweep").unstarted(r));

    /**
     * Entity calls run on the TTCB thread for at most {@code callBudgetNanos} before the routines
     * get their turn. Listening fails with a {@link TtcbConfigException} naming the socket when its
     * path holds anything but a stale socket, or cannot be bound.
     */
    public UnixSocketServer(Path path, EntityGateway gateway, TtcbScheduler scheduler, long callBudgetNanos) throws IOException {
        this.path = path;
        this.gateway = gateway;
        this.calls = new CallQueue(scheduler, callBudgetNanos);
        removeStaleSocket(path);
        this.server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        try {
            listen(server, path);
        } catch (IOException | RuntimeException e) {
            server.close();
            throw e instanceof TtcbConfigException c ? c : new TtcbConfigException("socket: cannot listen on " + path + " ("
                    + e.getMessage() + "); create its directory, writable by this user, or choose another path");
        }
    }

    /**
     * Binds the socket with its final mode from its first moment. Java cannot set the umask, and a
     * socket bound in place would exist with the umask's mode until chmod: so it is bound in a
     * private (0700) directory next to its path, given mode 0660 and the group {@value #GROUP}
     * there, then linked into place (link(2) fails rather than replace a file that appeared
     * meanwhile) and the private name removed.
     */
    private static void listen(ServerSocketChannel server, Path path) throws IOException {
        Path parent = path.toAbsolutePath().getParent();
        Path staging = Files.createTempDirectory(parent, ".t", PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        Path bound = staging.resolve("s");
        try {
            server.bind(UnixDomainSocketAddress.of(bound));
            Files.setPosixFilePermissions(bound, PosixFilePermissions.fromString("rw-rw----"));
            toEntityGroup(bound, path);
            Files.createLink(path, bound);
        } finally {
            Files.deleteIfExists(bound);
            Files.delete(staging);
        }
    }

    /** Entities of the host run in the group {@value #GROUP}, when the host has one; else the socket keeps the daemon's group. */
    private static void toEntityGroup(Path bound, Path path) throws IOException {
        GroupPrincipal group;
        try {
            group = bound.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByGroupName(GROUP);
        } catch (UserPrincipalNotFoundException e) {
            return;
        }
        try {
            Files.getFileAttributeView(bound, PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS).setGroup(group);
        } catch (IOException e) {
            throw new TtcbConfigException("socket: cannot give " + path + " to the group " + GROUP + " (" + e.getMessage()
                    + "); add this user to the group " + GROUP);
        }
    }

    /**
     * A daemon killed with -9 leaves its socket behind, and the next start replaces it; anything
     * else at the path (a file, a live daemon's socket) is not ours to delete.
     */
    private static void removeStaleSocket(Path path) {
        try {
            if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
                return;
            }
            if (!isSocket(path)) {
                throw new TtcbConfigException("socket: " + path + " exists and is not a socket; move it away or choose another path");
            }
            try (SocketChannel probe = SocketChannel.open(UnixDomainSocketAddress.of(path))) {
                throw new TtcbConfigException("socket: " + path + " is in use by a running process (another ttcbd?); stop it or choose another path");
            } catch (ConnectException stale) {
                Files.delete(path);
            }
        } catch (IOException e) {
            throw new TtcbConfigException("socket: cannot replace " + path + " (" + e.getMessage() + "); remove it or choose another path");
        }
    }

    private static boolean isSocket(Path path) throws IOException {
        try {
            return ((Integer) Files.getAttribute(path, "unix:mode", LinkOption.NOFOLLOW_LINKS) & S_IFMT) == S_IFSOCK;
        } catch (UnsupportedOperationException | IllegalArgumentException e) {
            // No unix attribute view: "other" is the nearest (sockets, but also devices and pipes).
            return Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).isOther();
        }
    }

    public void start() {
        Thread.ofPlatform().daemon().name("ttcb-accept").start(() -> {
            while (server.isOpen()) {
                try {
                    admit(server.accept());
                } catch (IOException e) {
                    if (server.isOpen()) {
                        log.warn("accept failed: {}", e.toString());
                    }
                }
            }
        });
        sweeper.scheduleWithFixedDelay(this::closeStalled, 1, 1, TimeUnit.SECONDS);
    }

    private void admit(SocketChannel ch) throws IOException {
        String user = peerUser(ch);
        if (!connections.tryAcquire()) {
            refuse(ch, "more than " + MAX_CONNECTIONS + " entity connections");
            return;
        }
        if (user != null && perUser.merge(user, 1, Integer::sum) > MAX_PER_USER) {
            leave(user);
            refuse(ch, "more than " + MAX_PER_USER + " entity connections of user " + user);
            return;
        }
        EntityConnection c = new EntityConnection(ch, user == null ? "" : user, gateway, calls, counters, closed -> {
            open.remove(closed);
            leave(user);
        });
        open.add(c);
        c.start();
    }

    private void leave(String user) {
        if (user != null) {
            perUser.computeIfPresent(user, (u, n) -> n == 1 ? null : n - 1);
        }
        connections.release();
    }

    private void refuse(SocketChannel ch, String why) throws IOException {
        long n = counters.connectionRefused();
        if (SocketCounters.worthLogging(n)) {
            log.warn("{}: refused a connection ({} so far)", why, n);
        }
        ch.close();
    }

    /**
     * The connecting user as the kernel reports it (SO_PEERCRED), so that one user's connections
     * cannot take every slot nor its sessions evict another's; null where the platform does not
     * say, and then only the global cap applies.
     */
    private static String peerUser(SocketChannel ch) {
        try {
            return ch.getOption(ExtendedSocketOptions.SO_PEERCRED).user().getName();
        } catch (IOException | UnsupportedOperationException e) {
            return null;
        }
    }

    /** A connection that began a frame (or connected) and has not finished it within the read timeout is closed. */
    private void closeStalled() {
        long now = System.nanoTime();
        for (EntityConnection c : open) {
            if (c.stalled(now, TimeUnit.SECONDS.toNanos(READ_TIMEOUT_SECONDS))) {
                long n = counters.readTimedOut();
                if (SocketCounters.worthLogging(n)) {
                    log.warn("an entity stopped in the middle of a frame for {} s; disconnected it ({} so far)", READ_TIMEOUT_SECONDS, n);
                }
                c.close();
            }
        }
    }

    public SocketCounters counters() {
        return counters;
    }

    @Override
    public void close() throws IOException {
        server.close();
        sweeper.shutdownNow();
        for (EntityConnection c : open) {
            c.close();
        }
        Files.deleteIfExists(path);
    }
}
