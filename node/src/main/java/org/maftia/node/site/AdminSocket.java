package org.maftia.node.site;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A site process's admin endpoint: a Unix domain socket in the site's own key directory, which
 * only its owner can enter, answering every connection with one line (the site's status) and
 * closing it. It reads nothing from the caller, so a caller can only ask; and it answers one
 * caller at a time, each with a few hundred bytes that fit the socket's buffer, so a caller that
 * never reads holds nothing.
 */
public final class AdminSocket implements AutoCloseable {

    /** The socket's name in the site's key directory. */
    public static final String FILE_NAME = "admin.sock";

    private static final Logger LOG = LoggerFactory.getLogger(AdminSocket.class);
    private static final int MAX_ANSWER_BYTES = 64 << 10;
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

    /** What the socket answers with. */
    public interface Answer {
        String line() throws InterruptedException;
    }

    private final Path path;
    private final ServerSocketChannel server;
    private final Thread acceptor;
    private volatile boolean closed;

    private AdminSocket(Path path, ServerSocketChannel server, Answer answer, String threadName) {
        this.path = path;
        this.server = server;
        this.acceptor = new Thread(() -> serve(answer), threadName);
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /**
     * Listens on {@code admin.sock} in {@code directory}, replacing a socket left by a process that
     * was killed (one no one answers on).
     *
     * @throws IllegalStateException if the directory is open to others, if another process answers
     *                               on the socket, or if something other than a socket has its name
     * @throws UncheckedIOException  if the socket cannot be created
     */
    public static AdminSocket open(Path directory, Answer answer, String threadName) {
        Path path = directory.resolve(FILE_NAME);
        requireOwnerOnly(directory);
        removeStale(path);
        try {
            ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
            try {
                server.bind(UnixDomainSocketAddress.of(path));
                // The directory already keeps others out; the socket's own mode says so too.
                Files.setPosixFilePermissions(path, OWNER_ONLY);
            } catch (IOException | RuntimeException e) {
                server.close();
                Files.deleteIfExists(path);
                throw e;
            }
            return new AdminSocket(path, server, answer, threadName);
        } catch (IOException e) {
            throw new UncheckedIOException(path + ": cannot create the admin socket (" + e.getMessage() + ")", e);
        }
    }

    /**
     * The line a site process answers on {@code path}, or empty if none answers there within
     * {@code timeout} (no socket, a socket left by a killed process, a process that does not answer).
     */
    public static Optional<String> ask(Path path, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        try (SocketChannel channel = SocketChannel.open(UnixDomainSocketAddress.of(path));
             Selector selector = Selector.open()) {
            channel.configureBlocking(false);
            channel.register(selector, SelectionKey.OP_READ);
            ByteBuffer buffer = ByteBuffer.allocate(MAX_ANSWER_BYTES);
            // The site sends one line and closes: read until the end, the deadline or a full buffer.
            while (buffer.hasRemaining()) {
                long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                if (left <= 0) {
                    return Optional.empty();
                }
                selector.select(left);
                selector.selectedKeys().clear();
                if (channel.read(buffer) < 0) {
                    break;
                }
            }
            String text = new String(buffer.array(), 0, buffer.position(), StandardCharsets.UTF_8).strip();
            return text.isEmpty() ? Optional.empty() : Optional.of(text);
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    public Path path() {
        return path;
    }

    private void serve(Answer answer) {
        while (!closed) {
            try (SocketChannel caller = server.accept()) {
                ByteBuffer line = ByteBuffer.wrap((answer.line() + "\n").getBytes(StandardCharsets.UTF_8));
                while (line.hasRemaining()) {
                    caller.write(line);
                }
            } catch (InterruptedException e) {
                return;
            } catch (IOException e) {
                if (!closed) {
                    // One caller's broken connection; the next is served.
                    LOG.debug("admin socket {}: {}", path, e.toString());
                }
            }
        }
    }

    private static void requireOwnerOnly(Path directory) {
        try {
            Set<PosixFilePermission> mode = Files.getPosixFilePermissions(directory);
            if (mode.stream().anyMatch(p -> p.name().startsWith("GROUP") || p.name().startsWith("OTHERS"))) {
                throw new IllegalStateException(directory + ": the site's key directory is open to others ("
                        + PosixFilePermissions.toString(mode) + "); run chmod 700 " + directory);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(directory + ": cannot read the site's key directory (" + e.getMessage() + ")", e);
        }
    }

    /** Removes {@code path} if it is a socket no process answers on: what a killed site process leaves. */
    private static void removeStale(Path path) {
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (IOException e) {
            return; // nothing there
        }
        if (!attributes.isOther()) {
            throw new IllegalStateException(path + ": not a socket; it is not the admin socket a site left, so it is"
                    + " not removed; move it away");
        }
        try (SocketChannel ignored = SocketChannel.open(UnixDomainSocketAddress.of(path))) {
            throw new IllegalStateException(path + ": a process answers on it; is this site already running?"
                    + " (bin/maftia status shows it)");
        } catch (IOException refused) {
            try {
                Files.deleteIfExists(path);
            } catch (IOException e) {
                throw new UncheckedIOException(path + ": cannot remove the stale admin socket (" + e.getMessage() + ")", e);
            }
        }
    }

    /** Stops answering and removes the socket. Idempotent. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            server.close();
        } catch (IOException e) {
            // closing anyway
        }
        acceptor.interrupt();
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            LOG.warn("admin socket {} not removed: {}", path, e.toString());
        }
    }
}
