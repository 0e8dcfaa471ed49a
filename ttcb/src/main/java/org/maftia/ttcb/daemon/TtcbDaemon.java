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
    private final LocalTtcb ttcb;
    private final EntityGateway gateway;
    private final UnixSocketServer server;

    public TtcbDaemon(TtcbConfig config) throws IOException {
        this.config = config;
        SecureRandom random = new SecureRandom();
        EpochClock clock = new EpochClock();
        this.scheduler = new ExecutorScheduler(clock, "ttcb-" + config.id());
        List<InetSocketAddress> peers = new ArrayList<>(config.members());
        peers.remove(config.id());
        this.network = new UdpControlNetwork(config.members().get(config.id()), peers);
        this.ttcb = new LocalTtcb(config.settings(), scheduler, network, random);
        LocalKeys keys = loadOrCreateKeys(config.keyFile(), random);
        this.gateway = new EntityGateway(ttcb, keys, 4096);
        this.server = new UnixSocketServer(config.socket(), gateway, scheduler, Math.max(100_000L, config.timing().wcetSend() / 4));
        PublicKeyFile.write(config.publicKeyFile(), keys.publicKey());
    }

    public void start() {
        network.start(scheduler.clock(), (frame, arrival) -> scheduler.execute(() -> ttcb.onFrame(frame, arrival)));
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

    private static LocalKeys loadOrCreateKeys(Path file, SecureRandom random) throws IOException {
        if (Files.exists(file)) {
            List<String> lines = Files.readAllLines(file);
            if (lines.size() != 2) {
                throw new TtcbConfigException(file + ": not a TTCB key file (two base64 lines); delete it to make new keys");
            }
            return new LocalKeys(Base64.getDecoder().decode(lines.get(0).trim()), Base64.getDecoder().decode(lines.get(1).trim()));
        }
        LocalKeys keys = LocalKeys.generate(random);
        byte[][] parts = keys.privateParts();
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.writeString(file, Base64.getEncoder().encodeToString(parts[0]) + "\n" + Base64.getEncoder().encodeToString(parts[1]) + "\n");
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
            log.warn("cannot restrict {} to its owner on this file system", file);
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
