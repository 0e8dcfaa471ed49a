package org.maftia.ttcb.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.maftia.ttcb.Protection;
import org.maftia.ttcb.channel.Frames;
import org.maftia.ttcb.client.TtcbClient;

/**
 * An entity that sends calls and never reads the replies (a local entity denying service to the others):
 * the TTCB writes nothing to it once its outbox is full and disconnects it, and every other entity
 * keeps getting its answers. A connection that starts a frame and stops, or never sends one, is
 * closed after the read timeout; one user cannot hold every connection.
 */
class SlowReaderTest {

    @TempDir
    Path dir;

    @Test
    void anEntityThatNeverReadsDoesNotStallTheOthers() throws Exception {
        try (TtcbDaemon daemon = daemon()) {
            daemon.start();
            Path socket = dir.resolve("ttcb0.sock");
            SocketChannel flooder = SocketChannel.open(StandardProtocolFamily.UNIX);
            flooder.connect(UnixDomainSocketAddress.of(socket));
            Thread.ofPlatform().daemon().start(() -> flood(flooder));
            try (flooder) {
                // Enough for the flooder's replies to fill its socket buffer many times over.
                Thread.sleep(1_000);
                CompletableFuture<Long> others = CompletableFuture.supplyAsync(() -> {
                    try (TtcbClient c = TtcbClient.connect(socket, dir.resolve("ttcb0.pub"), Protection.MAC)) {
                        long last = 0;
                        for (int i = 0; i < 20; i++) {
                            last = c.getTimestamp();
                        }
                        return last;
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                });
                assertThat(others.get(5, TimeUnit.SECONDS)).isPositive();
                assertThat(daemon.isHalted()).isFalse();
                assertThat(daemon.socketCounters().slowReadersClosed()).isEqualTo(1);
            }
        }
    }

    @Test
    void aConnectionThatStopsInTheMiddleOfAFrameIsClosed() throws Exception {
        try (TtcbDaemon daemon = daemon()) {
            daemon.start();
            try (SocketChannel half = SocketChannel.open(StandardProtocolFamily.UNIX)) {
                half.connect(UnixDomainSocketAddress.of(dir.resolve("ttcb0.sock")));
                half.write(ByteBuffer.wrap(new byte[] {0, 0, 0, 1, 0}));
                // The daemon closes it: the next read sees the end of the stream.
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(UnixSocketServer.READ_TIMEOUT_SECONDS + 5);
                half.configureBlocking(false);
                int n = 0;
                while (n >= 0 && System.nanoTime() < deadline) {
                    n = half.read(ByteBuffer.allocate(64));
                    Thread.sleep(50); // the daemon closes it after its read timeout; poll, bounded by the deadline
                }
                assertThat(n).isNegative();
                assertThat(daemon.socketCounters().readTimeouts()).isEqualTo(1);
            }
        }
    }

    @Test
    void oneUserCannotTakeEverySlotAndSilentConnectionsAreSweptAway() throws Exception {
        try (TtcbDaemon daemon = daemon()) {
            daemon.start();
            Path socket = dir.resolve("ttcb0.sock");
            List<SocketChannel> silent = new ArrayList<>();
            try {
                for (int i = 0; i < UnixSocketServer.MAX_PER_USER; i++) {
                    silent.add(SocketChannel.open(UnixDomainSocketAddress.of(socket)));
                }
                try (SocketChannel extra = SocketChannel.open(UnixDomainSocketAddress.of(socket))) {
                    assertThat(closedByTheDaemonWithin(extra, 3)).isTrue();
                    assertThat(daemon.socketCounters().connectionsRefused()).isEqualTo(1);
                }
                // Connections that never send a frame are closed after the read timeout, and the socket serves again.
                assertThat(closedByTheDaemonWithin(silent.getLast(), UnixSocketServer.READ_TIMEOUT_SECONDS + 3)).isTrue();
                try (TtcbClient c = TtcbClient.connect(socket, dir.resolve("ttcb0.pub"), Protection.MAC)) {
                    assertThat(c.getTimestamp()).isPositive();
                }
                assertThat(daemon.socketCounters().readTimeouts()).isEqualTo(UnixSocketServer.MAX_PER_USER);
            } finally {
                for (SocketChannel ch : silent) {
                    ch.close();
                }
            }
        }
    }

    private static boolean closedByTheDaemonWithin(SocketChannel ch, long seconds) throws Exception {
        ch.configureBlocking(false);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (System.nanoTime() < deadline) {
            try {
                if (ch.read(ByteBuffer.allocate(64)) < 0) {
                    return true;
                }
            } catch (IOException reset) {
                return true;
            }
            Thread.sleep(20); // until the daemon disconnects the slow reader; bounded by the caller's deadline
        }
        return false;
    }

    private TtcbDaemon daemon() throws IOException {
        int port = DaemonClusterTest.freePorts(1).getFirst();
        Path config = dir.resolve("ttcb.yaml");
        DaemonClusterTest.writeConfig(config, DaemonClusterTest.config(0, List.of(port), dir, "c2VjcmV0IHNlY3JldCBzZWNyZXQgc2VjcmV0"));
        return new TtcbDaemon(TtcbConfigLoader.load(config));
    }

    /** Public-key requests, each answered by a reply far larger than itself, as fast as they go. */
    private static void flood(SocketChannel ch) {
        ByteBuffer batch = ByteBuffer.allocate(13 * 1000);
        for (int i = 0; i < 1000; i++) {
            batch.putInt(1).putLong(i).put((byte) Frames.PUBLIC_KEY);
        }
        try {
            for (int round = 0; round < 1000; round++) {
                batch.flip();
                while (batch.hasRemaining()) {
                    ch.write(batch);
                }
            }
        } catch (IOException e) {
            // Disconnected by the daemon: what the defence does.
        }
    }
}
