package org.maftia.replication;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.maftia.group.directory.Dealer;
import org.maftia.group.directory.GroupDirectory;
import org.maftia.group.loopback.LoopbackGroup;
import org.maftia.net.client.ClientConnection;
import org.maftia.net.client.ClientEndpointSettings;
import org.maftia.net.group.GroupConfig;
import org.maftia.net.link.LinkKeyPair;
import org.maftia.replication.service.KeyValueStore;

/**
 * A replicated key-value store on four sites over real TCP on loopback, each site loaded from a
 * group directory and serving clients on its client address, called through {@link ServiceProxy}:
 * concurrent calls from two clients each get the right reply; garbage from an admitted client is
 * dropped and counted without disturbing anyone; with one site stopped the others still answer
 * (the proxy moves on from it); an operation the service refuses is refused alike by t+1 replicas.
 */
class ServedReplicaOverTcpTest {

    private static final int N = 4;

    @TempDir
    Path dir;

    private final List<ServedReplica> sites = new ArrayList<>();
    private final List<ServiceProxy> proxies = new ArrayList<>();

    @AfterEach
    void stop() {
        proxies.forEach(ServiceProxy::close);
        sites.forEach(ServedReplica::close);
    }

    private GroupConfig startGroup() throws Exception {
        int base = LoopbackGroup.freeBasePort(100 + N);
        new Dealer(new SecureRandom()).deal(new Dealer.Plan("kv", N, 1, InetAddress.getLoopbackAddress(), base,
                "ed25519-quorum", "dh-coin-p256", "tdh2-p256"), new GroupDirectory(dir), false);
        for (int i = 0; i < N; i++) {
            sites.add(ServedReplica.start(dir, i, "kv", new KeyValueStore(), ReplicaOptions.DEFAULT.withCheckpointEvery(50),
                    ClientEndpointSettings.defaults()));
        }
        for (ServedReplica s : sites) {
            assertThat(s.replica().awaitRunning(Duration.ofSeconds(30))).as("replica at %s runs", s.site()).isTrue();
        }
        return new GroupDirectory(dir).group();
    }

    private ServiceProxy proxy(GroupConfig group) {
        ServiceProxy proxy = ServiceProxy.connect(group, LinkKeyPair.generate(new SecureRandom()),
                ProxyOptions.DEFAULT.withTimeout(Duration.ofSeconds(3)));
        proxies.add(proxy);
        return proxy;
    }

    private static byte[] op(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String text(byte[] reply) {
        return new String(reply, StandardCharsets.UTF_8);
    }

    @Test
    void clientsGetTheRightRepliesGarbageIsCountedAndAStoppedSiteIsPassedOver() throws Exception {
        GroupConfig group = startGroup();
        ServiceProxy alice = proxy(group);
        ServiceProxy bob = proxy(group);
        assertThat(text(alice.invokeOrdered(op("put greeting hello")))).isEmpty();
        assertThat(text(bob.invokeOrdered(op("get greeting")))).isEqualTo("hello");
        assertThat(text(bob.invokeReadOnly(op("get greeting")))).isEqualTo("hello");

        List<CompletableFuture<byte[]>> adds = new ArrayList<>();
        for (int k = 0; k < 100; k++) {
            adds.add((k % 2 == 0 ? alice : bob).invokeAsync(op("add counter 1")));
        }
        Set<String> results = new HashSet<>();
        for (CompletableFuture<byte[]> add : adds) {
            results.add(text(add.get(60, TimeUnit.SECONDS)));
        }
        Set<String> expected = new HashSet<>();
        for (int k = 1; k <= 100; k++) {
            expected.add(Integer.toString(k));
        }
        assertThat(results).as("each add saw a distinct count, 1 to 100").isEqualTo(expected);

        // An admitted client that sends garbage: dropped and counted at the site, nobody else disturbed.
        LinkKeyPair mallory = LinkKeyPair.generate(new SecureRandom());
        var site0 = group.site(0);
        try (ClientConnection raw = ClientConnection.connect(site0.clientEndpoint().orElseThrow().toSocketAddress(),
                site0.linkPublicKey(), mallory, Duration.ofSeconds(5), frame -> { }, () -> { })) {
            for (int k = 0; k < 50; k++) {
                raw.send(new byte[] {9, 9, 9, (byte) k});
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (sites.get(0).replica().malformedFrames() < 50 && System.nanoTime() < deadline) {
                Thread.sleep(20); // the site reads the frames on its own thread: poll, bounded by the deadline
            }
        }
        assertThat(sites.get(0).replica().malformedFrames()).isEqualTo(50);
        assertThat(text(alice.invokeOrdered(op("get counter")))).isEqualTo("100");

        assertThatThrownBy(() -> alice.invokeOrdered(op("add counter lots"))).isInstanceOf(RequestRefusedException.class)
                .hasMessageContaining("is not an integer");

        sites.remove(3).close();
        for (int k = 0; k < 8; k++) {
            assertThat(text(bob.invokeOrdered(op("add counter 1")))).isEqualTo(Integer.toString(101 + k));
        }
    }
}
