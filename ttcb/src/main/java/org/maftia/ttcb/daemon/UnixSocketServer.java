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
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import org.maftia.ttcb.core.EntityGateway;
import org.maftia.ttcb.core.TtcbScheduler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The local channel of the daemon: a Unix domain socket (owner-only) on which entities send
 * frames; each frame goes to the TTCB's thread, its reply comes back when ready. A connection
 * that sends a malformed length is closed; a bounded number of calls may be in flight per
 * connection, so a flood costs the flooder, not the TTCB's memory.
 */
public final class UnixSocketServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(UnixSocketServer.class);
    private static final int IN_FLIGHT = 256;
    private static final int MAX_CONNECTIONS = 1024;
    private static final int S_IFMT = 0170000;
    private static final int S_IFSOCK = 0140000;

    private final Path path;
    private final ServerSocketChannel server;
    private final EntityGateway gateway;
    private final CallQueue calls;
    private final Semaphore connections = new Semaphore(MAX_CONNECTIONS);

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
            server.bind(UnixDomainSocketAddress.of(path));
        } catch (IOException e) {
            server.close();
            throw new TtcbConfigException("socket: cannot listen on " + path + " (" + e.getMessage()
                    + "); create its directory, writable by this user, or choose another path");
        }
        try {
            Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
            log.warn("cannot restrict {} to its owner on this file system", path);
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
                    SocketChannel ch = server.accept();
                    if (!connections.tryAcquire()) {
                        log.warn("more than {} entity connections; refusing one", MAX_CONNECTIONS);
                        ch.close();
                        continue;
                    }
                    Thread.ofVirtual().name("ttcb-entity").start(() -> {
                        try {
                            serve(ch);
                        } finally {
                            connections.release();
                        }
                    });
                } catch (IOException e) {
                    if (server.isOpen()) {
                        log.warn("accept failed: {}", e.toString());
                    }
                }
            }
        });
    }

    private void serve(SocketChannel ch) {
        Semaphore inFlight = new Semaphore(IN_FLIGHT);
        Object writeLock = new Object();
        try (ch) {
            while (true) {
                SocketFraming.Framed f = SocketFraming.read(ch);
                inFlight.acquire();
                CompletableFuture<byte[]> reply = new CompletableFuture<>();
                calls.submit(() -> gateway.handle(f.frame()).whenComplete((r, e) -> {
                    if (e != null) {
                        reply.completeExceptionally(e);
                    } else {
                        reply.complete(r);
                    }
                }));
                reply.whenComplete((r, e) -> {
                    inFlight.release();
                    if (r == null) {
                        return;
                    }
                    synchronized (writeLock) {
                        try {
                            SocketFraming.write(ch, f.correlation(), r);
                        } catch (IOException io) {
                            log.debug("entity went away: {}", io.toString());
                        }
                    }
                });
            }
        } catch (IOException e) {
            log.debug("entity connection closed: {}", e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        Files.deleteIfExists(path);
    }
}
