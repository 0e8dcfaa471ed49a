package org.maftia.ttcb.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.DatagramSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.maftia.ttcb.DecisionFunction;
import org.maftia.ttcb.Eid;
import org.maftia.ttcb.Protection;
import org.maftia.ttcb.Tag;
import org.maftia.ttcb.Ttcb.DecideResult;
import org.maftia.ttcb.TtcbError;
import org.maftia.ttcb.client.TtcbClient;

/**
 * Four {@code ttcbd} processes on loopback (real UDP control network, real Unix domain sockets),
 * started one after the other, one entity per daemon doing agreements through them; then kill -9
 * one daemon: the others detect the crash and keep deciding, the same results everywhere; then
 * start it again under the same id: the others count it crashed for good (spec 2.2.5), so it
 * halts without serving its entities, and the others keep deciding.
 */
class DaemonClusterTest {

    private static final long MS = 1_000_000L;
    private final List<Process> processes = new ArrayList<>();
    private final List<TtcbClient> clients = new ArrayList<>();

    @TempDir
    Path dir;

    @AfterEach
    void stop() {
        clients.forEach(TtcbClient::close);
        processes.forEach(Process::destroyForcibly);
    }

    /** A configuration as the daemon accepts it: it holds the control network's secret, so owner-only. */
    static void writeConfig(Path file, String yaml) throws IOException {
        Files.writeString(file, yaml);
        Files.setPosixFilePermissions(file, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
    }

    /** Generous timing: four JVMs share two cores here, and a daemon halts rather than broadcast late. */
    static String config(int id, List<Integer> ports, Path dir, String secret) {
        StringBuilder members = new StringBuilder();
        for (int p : ports) {
            members.append(members.isEmpty() ? "" : ", ").append("127.0.0.1:").append(p);
        }
        return "id: " + id + "\n"
                + "socket: " + dir.resolve("ttcb" + id + ".sock") + "\n"
                + "keyFile: " + dir.resolve("ttcb" + id + ".key") + "\n"
                + "publicKeyFile: " + dir.resolve("ttcb" + id + ".pub") + "\n"
                + "controlSecret: " + secret + "\n"
                + "timing: {ts: 50ms, tr: 10ms, od: 1, bd: " + Math.min(1, ports.size() - 1) + ", tsend: 50ms, tsendMin: 0ms, wcetSend: 150ms, wcetReceive: 50ms,"
                + " pi: 200ms, maxDriftPpm: 100, syncEveryRounds: 10}\n"
                + "members: [" + members + "]\n";
    }

    static List<Integer> freePorts(int n) throws IOException {
        List<DatagramSocket> sockets = new ArrayList<>();
        List<Integer> ports = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            DatagramSocket s = new DatagramSocket(0);
            sockets.add(s);
            ports.add(s.getLocalPort());
        }
        sockets.forEach(DatagramSocket::close);
        return ports;
    }

    private Process launch(Path config) throws IOException {
        return launch(config, config.getFileName() + ".log");
    }

    private Process launch(Path config, String logName) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(java, "-Xmx96m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-cp", System.getProperty("java.class.path"), TtcbDaemonMain.class.getName(), config.toString());
        pb.redirectErrorStream(true);
        pb.redirectOutput(dir.resolve(logName).toFile());
        return pb.start();
    }

    @Test
    void fourDaemonsStartedStaggeredAgreeAndARestartedOneHalts() throws Exception {
        List<Integer> ports = freePorts(4);
        byte[] secret = new byte[32];
        new java.security.SecureRandom().nextBytes(secret);
        String b64 = Base64.getEncoder().encodeToString(secret);
        for (int i = 0; i < 3; i++) {
            processes.add(launch(writeConfig(i, ports, b64)));
            Thread.sleep(300); // staggered start: the join rule must hold back the early daemons
        }
        for (int i = 0; i < 3; i++) {
            clients.add(connectWhenReady(i));
        }
        // Start barrier: no daemon serves while daemon 3 has not read its messages, although the
        // first three have had rounds enough to synchronise among themselves.
        long held = System.nanoTime() + TimeUnit.SECONDS.toNanos(1);
        while (System.nanoTime() < held) {
            for (TtcbClient c : clients) {
                assertThat(proposeAlone(c)).as("served before the last daemon is up").isEqualTo(TtcbError.NOT_SYNCHRONIZED);
            }
            Thread.sleep(100); // sample the barrier for a while: a real-time property
        }
        processes.add(launch(writeConfig(3, ports, b64)));
        clients.add(connectWhenReady(3));
        // Wait until every local TTCB has synchronised its clock.
        awaitAgreementService();

        List<Eid> all = clients.stream().map(TtcbClient::eid).toList();
        for (int round = 0; round < 3; round++) {
            List<DecideResult> results = agree(clients, all, DecisionFunction.TBA_MAJORITY, "v" + round);
            for (DecideResult r : results) {
                assertThat(r.error()).isEqualTo(TtcbError.OK);
                assertThat(new String(r.value(), StandardCharsets.US_ASCII)).isEqualTo("v" + round);
                assertThat(r.proposedAny()).isEqualTo(0b1111);
            }
        }

        // kill -9 daemon 3.
        processes.get(3).destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        List<TtcbClient> survivors = clients.subList(0, 3);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!survivors.stream().allMatch(c -> c.crashedLocalTTCBid(3).crashed())) {
            assertThat(System.nanoTime()).as("crash of daemon 3 detected").isLessThan(deadline);
            Thread.sleep(100); // crash detection takes a few Ts of real time; bounded by the deadline
        }
        assertThat(survivors.getFirst().crashedEid(all.get(3)).crashed()).isTrue();
        assertThat(survivors.getFirst().crashedLocalTTCBid(1).crashed()).isFalse();
        // The survivors keep deciding, including agreements whose elist names the dead host's entity.
        for (int round = 0; round < 3; round++) {
            List<DecideResult> results = agree(survivors, all, DecisionFunction.TBA_RMULTICAST, "w" + round);
            for (DecideResult r : results) {
                assertThat(r.error()).isEqualTo(TtcbError.OK);
                assertThat(new String(r.value(), StandardCharsets.US_ASCII)).isEqualTo("w" + round + "-0");
                assertThat(r.proposedAny()).isEqualTo(0b0111);
                assertThat(r.proposedOk()).isEqualTo(results.getFirst().proposedOk());
            }
        }
        for (int i = 0; i < 3; i++) {
            assertThat(processes.get(i).isAlive()).as("daemon %d still running (log: %s)", i, log(i)).isTrue();
        }

        // Restart daemon 3 with the same id and configuration: the others count it crashed, so it
        // must halt (exit 3) without ever serving its entities.
        Process restarted = launch(dir.resolve("ttcb3.yaml"), "ttcb3-restarted.log");
        processes.add(restarted);
        long halt = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (restarted.isAlive()) {
            assertThat(System.nanoTime()).as("restarted daemon halts (log: %s)", restartLog()).isLessThan(halt);
            probeNotServing();
            Thread.sleep(50); // real process: wait, with a deadline, for it to halt
        }
        assertThat(restarted.exitValue()).as("restarted daemon's exit status (log: %s)", restartLog()).isEqualTo(3);
        assertThat(restartLog()).as("halted because the others count it crashed").contains("no longer reads its messages");
        for (int round = 0; round < 2; round++) {
            List<DecideResult> results = agree(survivors, all, DecisionFunction.TBA_RMULTICAST, "x" + round);
            for (DecideResult r : results) {
                assertThat(r.error()).isEqualTo(TtcbError.OK);
                assertThat(new String(r.value(), StandardCharsets.US_ASCII)).isEqualTo("x" + round + "-0");
                assertThat(r.proposedAny()).isEqualTo(0b0111);
            }
        }
        for (int i = 0; i < 3; i++) {
            assertThat(processes.get(i).isAlive()).as("daemon %d still running (log: %s)", i, log(i)).isTrue();
        }
    }

    /**
     * If the restarted daemon has bound its socket, an entity may connect, but it must not be
     * served. Connecting can fail (stale socket, half-written key file, the daemon halting): that
     * is not serving either.
     */
    private void probeNotServing() {
        TtcbClient c;
        try {
            c = TtcbClient.connect(dir.resolve("ttcb3.sock"), dir.resolve("ttcb3.pub"), Protection.AEAD);
        } catch (RuntimeException notReachable) {
            return;
        }
        try {
            assertThat(proposeAlone(c)).as("restarted daemon served an entity").isNotEqualTo(TtcbError.OK);
        } catch (RuntimeException halted) {
            // the daemon halted during the call
        } finally {
            c.close();
        }
    }

    private Path writeConfig(int id, List<Integer> ports, String secret) throws IOException {
        Path c = dir.resolve("ttcb" + id + ".yaml");
        writeConfig(c, config(id, ports, dir, secret));
        return c;
    }

    private TtcbClient connectWhenReady(int i) throws Exception {
        Path sock = dir.resolve("ttcb" + i + ".sock");
        Path pub = dir.resolve("ttcb" + i + ".pub");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!(Files.exists(sock) && Files.exists(pub)) && System.nanoTime() < deadline) {
            assertThat(processes.get(i).isAlive()).as("daemon %d is running (log: %s)", i, log(i)).isTrue();
            Thread.sleep(50); // real processes: wait, with a deadline, for the daemon's files
        }
        return TtcbClient.connect(sock, pub, Protection.AEAD);
    }

    private static TtcbError proposeAlone(TtcbClient c) {
        return c.propose(c.eid(), List.of(c.eid()), c.getTimestamp() + 100 * MS, DecisionFunction.TBA_MAJORITY, new byte[] {1}).error();
    }

    private void awaitAgreementService() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        for (TtcbClient c : clients) {
            while (true) {
                long now = c.getTimestamp();
                var r = c.propose(c.eid(), List.of(c.eid()), now + 100 * MS, DecisionFunction.TBA_MAJORITY, new byte[] {1});
                if (r.error() == TtcbError.OK) {
                    break;
                }
                assertThat(r.error()).isEqualTo(TtcbError.NOT_SYNCHRONIZED);
                assertThat(System.nanoTime()).as("clocks synchronised").isLessThan(deadline);
                Thread.sleep(100); // until clock synchronisation converges; bounded by the deadline
            }
        }
    }

    /** Everyone in {@code who} proposes value-i; polls decide until the agreement ends. */
    private static List<DecideResult> agree(List<TtcbClient> who, List<Eid> elist, DecisionFunction f, String value)
            throws InterruptedException {
        long tstart = who.getFirst().getTimestamp() + 400 * MS;
        List<Tag> tags = new ArrayList<>();
        for (int i = 0; i < who.size(); i++) {
            TtcbClient c = who.get(i);
            String v = f == DecisionFunction.TBA_MAJORITY ? value : value + "-" + i;
            var r = c.propose(c.eid(), elist, tstart, f, v.getBytes(StandardCharsets.US_ASCII));
            assertThat(r.error()).isEqualTo(TtcbError.OK);
            tags.add(r.tag());
        }
        List<DecideResult> out = new ArrayList<>();
        for (int i = 0; i < who.size(); i++) {
            TtcbClient c = who.get(i);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            DecideResult r;
            while ((r = c.decide(c.eid(), tags.get(i))).error() == TtcbError.NOT_ENDED) {
                assertThat(System.nanoTime()).as("decided").isLessThan(deadline);
                Thread.sleep(20); // decide is non-blocking by spec 2.2.3.3; bounded by the deadline
            }
            out.add(r);
        }
        return out;
    }

    private String restartLog() {
        try {
            return Files.readString(dir.resolve("ttcb3-restarted.log"));
        } catch (IOException e) {
            return "(no log)";
        }
    }

    private String log(int i) {
        try {
            return Files.readString(dir.resolve("ttcb" + i + ".yaml.log"));
        } catch (IOException e) {
            return "(no log)";
        }
    }
}
