package org.maftia.ttcb.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.maftia.ttcb.DecisionFunction;
import org.maftia.ttcb.Eid;
import org.maftia.ttcb.Protection;
import org.maftia.ttcb.Tag;
import org.maftia.ttcb.TtcbError;
import org.maftia.ttcb.client.TtcbClient;

/**
 * The attack: a flood of small forged control frames at one daemon's control port, from any source,
 * while the daemons run agreements. Forged frames must be dropped and counted off the TTCB's
 * thread, so the flooded TTCB keeps its broadcast rounds, does not halt, and agreements end.
 */
class ControlFloodTest {

    private static final long MS = 1_000_000L;
    private static final int FORGED = 20_000;
    private final List<Process> processes = new ArrayList<>();
    private final List<TtcbClient> clients = new ArrayList<>();

    @TempDir
    Path dir;

    @AfterEach
    void stop() {
        clients.forEach(TtcbClient::close);
        processes.forEach(Process::destroyForcibly);
    }

    @Test
    void forgedFloodAtOneDaemonNeitherHaltsItNorStopsAgreements() throws Exception {
        int n = 3;
        List<Integer> ports = DaemonClusterTest.freePorts(n);
        byte[] secret = new byte[32];
        new java.security.SecureRandom().nextBytes(secret);
        String b64 = Base64.getEncoder().encodeToString(secret);
        for (int i = 0; i < n; i++) {
            Path c = dir.resolve("ttcb" + i + ".yaml");
            DaemonClusterTest.writeConfig(c, DaemonClusterTest.config(i, ports, dir, b64));
            processes.add(launch(c));
        }
        for (int i = 0; i < n; i++) {
            Path sock = dir.resolve("ttcb" + i + ".sock");
            Path pub = dir.resolve("ttcb" + i + ".pub");
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (!(Files.exists(sock) && Files.exists(pub)) && System.nanoTime() < deadline) {
                assertThat(processes.get(i).isAlive()).as("daemon %d is running (log: %s)", i, log(i)).isTrue();
                Thread.sleep(50); // real processes: wait, with a deadline, for the daemon's files
            }
            clients.add(TtcbClient.connect(sock, pub, Protection.AEAD));
        }
        awaitSynchronised();

        AtomicBoolean flooding = new AtomicBoolean(true);
        AtomicLong sent = new AtomicLong();
        InetSocketAddress target = new InetSocketAddress("127.0.0.1", ports.getFirst());
        Thread attacker = Thread.ofPlatform().name("flood").start(() -> flood(target, flooding, sent));
        try {
            List<Eid> all = clients.stream().map(TtcbClient::eid).toList();
            while (sent.get() < FORGED) {
                agreeOnce(all, "v" + sent.get());
            }
            agreeOnce(all, "after");
        } finally {
            flooding.set(false);
            attacker.join();
        }
        assertThat(sent.get()).isGreaterThanOrEqualTo(FORGED);
        for (int i = 0; i < n; i++) {
            assertThat(processes.get(i).isAlive()).as("daemon %d still running (log: %s)", i, log(i)).isTrue();
            assertThat(clients.get(i).crashedLocalTTCBid(0).crashed()).as("daemon 0 seen crashed by %d (log: %s)", i, log(0)).isFalse();
        }
        // The drops show in the flooded daemon's log without DEBUG, a bounded number of times.
        long warnings = log(0).lines().filter(l -> l.contains("forged control frames")).count();
        assertThat(warnings).as("drop warnings in %s", log(0)).isBetween(1L, 64L);
    }

    /** Small frames shaped like control frames (version 1, a member's sender id), with random bytes for nonce and tag. */
    private static void flood(InetSocketAddress target, AtomicBoolean flooding, AtomicLong sent) {
        Random random = new Random(7);
        try (DatagramSocket s = new DatagramSocket()) {
            byte[] frame = new byte[48];
            while (flooding.get()) {
                random.nextBytes(frame);
                frame[0] = 1;
                frame[1] = 0;
                frame[2] = (byte) (1 + random.nextInt(2));
                s.send(new DatagramPacket(frame, frame.length, target));
                sent.incrementAndGet();
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private void agreeOnce(List<Eid> elist, String value) throws InterruptedException {
        long tstart = clients.getFirst().getTimestamp() + 400 * MS;
        List<Tag> tags = new ArrayList<>();
        for (TtcbClient c : clients) {
            var r = c.propose(c.eid(), elist, tstart, DecisionFunction.TBA_MAJORITY, value.getBytes(StandardCharsets.US_ASCII));
            assertThat(r.error()).as("propose (log of the flooded daemon: %s)", log(0)).isEqualTo(TtcbError.OK);
            tags.add(r.tag());
        }
        for (int i = 0; i < clients.size(); i++) {
            TtcbClient c = clients.get(i);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            var r = c.decide(c.eid(), tags.get(i));
            while (r.error() == TtcbError.NOT_ENDED) {
                assertThat(System.nanoTime()).as("decided").isLessThan(deadline);
                Thread.sleep(20); // decide is non-blocking by spec 2.2.3.3; bounded by the deadline
                r = c.decide(c.eid(), tags.get(i));
            }
            assertThat(r.error()).as("decide at %d (log of the flooded daemon: %s)", i, log(0)).isEqualTo(TtcbError.OK);
            assertThat(new String(r.value(), StandardCharsets.US_ASCII)).isEqualTo(value);
        }
    }

    private void awaitSynchronised() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        for (TtcbClient c : clients) {
            while (true) {
                var r = c.propose(c.eid(), List.of(c.eid()), c.getTimestamp() + 100 * MS, DecisionFunction.TBA_MAJORITY, new byte[] {1});
                if (r.error() == TtcbError.OK) {
                    break;
                }
                assertThat(r.error()).isEqualTo(TtcbError.NOT_SYNCHRONIZED);
                assertThat(System.nanoTime()).as("clocks synchronised").isLessThan(deadline);
                Thread.sleep(100); // until clock synchronisation converges; bounded by the deadline
            }
        }
    }

    /** As {@link DaemonClusterTest}'s, with the log at WARN: what an operator sees by default. */
    private Process launch(Path config) throws IOException {
        Path logging = dir.resolve("logback.xml");
        Files.writeString(logging, """
                <configuration>
                  <appender name="OUT" class="ch.qos.logback.core.ConsoleAppender">
                    <encoder><pattern>%level %logger{0} - %msg%n</pattern></encoder>
                  </appender>
                  <root level="WARN"><appender-ref ref="OUT"/></root>
                </configuration>
                """);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(java, "-Xmx96m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-Dlogback.configurationFile=" + logging,
                "-cp", System.getProperty("java.class.path"), TtcbDaemonMain.class.getName(), config.toString());
        pb.redirectErrorStream(true);
        pb.redirectOutput(dir.resolve(config.getFileName() + ".log").toFile());
        return pb.start();
    }

    private String log(int i) {
        try {
            String s = Files.readString(dir.resolve("ttcb" + i + ".yaml.log"));
            return s;
        } catch (IOException e) {
            return "(no log)";
        }
    }
}
