package org.maftia.ttcb.daemon;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.maftia.ttcb.client.PublicKeyFile;
import org.maftia.ttcb.core.ControlCodec;
import org.maftia.ttcb.core.EntityGateway;
import org.maftia.ttcb.core.LocalKeys;
import org.maftia.ttcb.core.LocalTtcb;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code maftia ttcbd}: one local TTCB as its own process, one per host. The control network runs
 * over UDP on its own ports; entities reach it over a Unix domain socket. The same
 * {@link LocalTtcb} code as in the simulation runs here on the wall clock.
 */
public final class TtcbDaemon implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(TtcbDaemon.class);

    private final TtcbConfig config;
    private final ExecutorScheduler scheduler;
    private final UdpControlNetwork network;
    /** Authenticates control frames on the network's receiving thread, apart from the TTCB's own codec. */
    private final ControlCodec codec;
    private final LocalTtcb ttcb;
    private final EntityGateway gateway;
    private final UnixSocketServer server;

    /**
     * Takes the keys, the control port and the socket. What the host refuses (a key others can
     * read, a port or socket in use, a path that cannot be written) is a
     * {@link TtcbConfigException} naming the field, and whatever was taken before is released.
     */
    public TtcbDaemon(TtcbConfig config) throws IOException {
        this.config = config;
        SecureRandom random = new SecureRandom();
        this.codec = new ControlCodec(config.settings().controlSecret(), config.settings().n(), random);
        LocalKeys keys = loadOrCreateKeys(config.keyFile(), random);
        List<InetSocketAddress> peers = new ArrayList<>(config.members());
        peers.remove(config.id());
        ExecutorScheduler scheduler = new ExecutorScheduler(new EpochClock(), "ttcb-" + config.id());
        UdpControlNetwork network = null;
        UnixSocketServer server = null;
        try {
            network = new UdpControlNetwork(config.members().get(config.id()), peers);
            this.ttcb = new LocalTtcb(config.settings(), scheduler, network, random);
            this.gateway = new EntityGateway(ttcb, keys, 4096, random);
            server = new UnixSocketServer(config.socket(), gateway, scheduler, Math.max(100_000L, config.timing().wcetSend() / 4));
            writePublicKey(config.publicKeyFile(), keys);
        } catch (IOException | RuntimeException e) {
            if (server != null) {
                server.close();
            }
            if (network != null) {
                network.close();
            }
            scheduler.close();
            throw e;
        }
        this.scheduler = scheduler;
        this.network = network;
        this.server = server;
    }

    private static void writePublicKey(Path file, LocalKeys keys) {
        try {
            PublicKeyFile.write(file, keys.publicKey());
        } catch (IOException e) {
            throw new TtcbConfigException("publicKeyFile: cannot write " + file + " (" + e.getMessage()
                    + "); create its directory, writable by this user, or choose another path");
        }
    }

    public void start() {
        network.start(scheduler.clock(), codec, ttcb.counters(), scheduler::execute, ttcb::onFrame);
        scheduler.execute(ttcb::start);
        server.start();
        var t = config.timing();
        log.info("local TTCB {} of {}: entities at {}, control network at {}; Ts={} ns Tr={} ns Od={} pi={} ns; Tbroadcast={} ns, Tagreement={} ns",
                config.id(), config.members().size(), config.socket(), config.members().get(config.id()), t.ts(), t.tr(), t.od(),
                t.pi(), t.tbroadcast(), t.tagreement());
    }

    public LocalTtcb ttcb() {
        return ttcb;
    }

    /** What the entity socket did to entities that would have held up the others. */
    public SocketCounters socketCounters() {
        return server.counters();
    }

    public boolean isHalted() {
        return ttcb.isHalted();
    }

    /** Blocks until the local TTCB halts on a timing failure of its own (it runs until killed otherwise). */
    public void awaitHalt() throws InterruptedException {
        try {
            ttcb.halted().get();
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }

    private static LocalKeys loadOrCreateKeys(Path file, SecureRandom random) {
        return Files.exists(file, java.nio.file.LinkOption.NOFOLLOW_LINKS) ? readKeys(file) : createKeys(file, random);
    }

    /**
     * Keys others can read, own or swap (a symbolic link) are refused, as site keys are: whoever
     * read them can impersonate this TTCB to its entities.
     */
    private static LocalKeys readKeys(Path file) {
        try {
            PrivateFile.check(file, "keyFile: ", "");
            List<String> lines = Files.readAllLines(file);
            if (lines.size() != 2) {
                throw new IllegalArgumentException("not two lines");
            }
            return new LocalKeys(Base64.getDecoder().decode(lines.get(0).trim()), Base64.getDecoder().decode(lines.get(1).trim()));
        } catch (UnsupportedOperationException e) {
            throw new TtcbConfigException("keyFile: " + file + " is on a file system without POSIX permissions; keep it on one that has");
        } catch (IOException e) {
            throw new TtcbConfigException("keyFile: cannot read " + file + " (" + e.getMessage() + "); make it readable by this user");
        } catch (IllegalArgumentException e) {
            throw new TtcbConfigException("keyFile: " + file + " is not a TTCB key file (two base64 lines); delete it to make new keys");
        }
    }

    /** Created owner-only from the start: the private keys are never readable by others, not even for a moment. */
    private static LocalKeys createKeys(Path file, SecureRandom random) {
        LocalKeys keys = LocalKeys.generate(random);
        byte[][] parts = keys.privateParts();
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(file, Base64.getEncoder().encodeToString(parts[0]) + "\n" + Base64.getEncoder().encodeToString(parts[1]) + "\n");
        } catch (UnsupportedOperationException e) {
            throw new TtcbConfigException("keyFile: " + file + " is on a file system without POSIX permissions; keep it on one that has");
        } catch (IOException e) {
            throw new TtcbConfigException("keyFile: cannot write " + file + " (" + e.getMessage()
                    + "); create its directory, writable by this user, or choose another path");
        }
        return keys;
    }

    @Override
    public void close() throws IOException {
        server.close();
        network.close();
        scheduler.close();
    }
}
