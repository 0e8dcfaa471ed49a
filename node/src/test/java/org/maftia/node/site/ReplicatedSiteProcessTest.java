package org.maftia.node.site;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.maftia.group.directory.GroupDirectory;
import org.maftia.node.cli.MaftiaCommand;
import org.maftia.replication.ProxyOptions;
import org.maftia.replication.ServiceProxy;
import picocli.CommandLine;

/**
 * A replicated service as an operator runs it: four real {@code maftia site} processes on
 * loopback, clients in this JVM and in a {@code maftia client} process, one site killed with
 * kill -9 under load and started again, one site whose service lies.
 */
class ReplicatedSiteProcessTest {

    private static final byte[] ADD = "add counter 1".getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path dir;

    private Path keygen() {
        int base = SiteProcesses.freeBase(4);
        Path g = dir.resolve("bank");
        StringWriter err = new StringWriter();
        CommandLine cli = MaftiaCommand.commandLine();
        cli.setOut(new PrintWriter(new StringWriter()));
        cli.setErr(new PrintWriter(err, true));
        assertThat(cli.execute("keygen", "--group", "bank", "--sites", "4", "--out", g.toString(), "--base-port",
                Integer.toString(base), "--client-base-port", Integer.toString(base + 100), "--clients", "alice,bob"))
                .as(err.toString()).isZero();
        return g;
    }

    private static ServiceProxy proxy(Path g, String client) {
        GroupDirectory d = new GroupDirectory(g);
        return ServiceProxy.connect(d.group(), GroupDirectory.readClientKeys(d.clientDirectory(client)),
                ProxyOptions.DEFAULT.withTimeout(Duration.ofSeconds(1)));
    }

    /** {@code maftia status --json} of a site, run in this JVM; null if the site does not answer. */
    private static JsonNode status(Path g, int site) {
        StringWriter out = new StringWriter();
        CommandLine cli = MaftiaCommand.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(new StringWriter(), true));
        if (cli.execute("status", "--group-dir", g.toString(), "--site", Integer.toString(site), "--json") != 0) {
            return null;
        }
        try {
            return new ObjectMapper().readTree(out.toString());
        } catch (java.io.IOException e) {
            throw new AssertionError("status --json is not JSON: " + out, e);
        }
    }

    /** A {@code maftia client} process: its exit code and output (stdout then stderr). */
    private static String[] clientProcess(Path g, String... args) throws Exception {
        List<String> command = new ArrayList<>(SiteProcesses.javaCommand());
        command.addAll(List.of("org.maftia.node.Main", "client", "--group-dir", g.toString(), "--client", "bob"));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new String[] {Integer.toString(p.exitValue()), out};
    }

    @Test
    @Timeout(value = 150, unit = TimeUnit.SECONDS)
    void aReplicaKilledUnderLoadComesBackAndEveryReplyIsRight() throws Exception {
        Path g = keygen();
        try (SiteProcesses sites = new SiteProcesses(g, 4)) {
            for (int i = 0; i < 4; i++) {
                sites.start(i);
            }
            for (int i = 0; i < 4; i++) {
                sites.awaitServing(i);
            }
            ConcurrentLinkedQueue<Long> replies = new ConcurrentLinkedQueue<>();
            ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();
            AtomicBoolean stop = new AtomicBoolean();
            try (ServiceProxy proxy = proxy(g, "alice")) {
                List<Thread> load = new ArrayList<>();
                for (int k = 0; k < 2; k++) {
                    Thread t = new Thread(() -> {
                        while (!stop.get()) {
                            try {
                                replies.add(Long.parseLong(new String(proxy.invokeOrdered(ADD), StandardCharsets.UTF_8)));
                            } catch (RuntimeException e) {
                                failures.add(e);
                                return;
                            }
                        }
                    }, "load-" + k);
                    t.start();
                    load.add(t);
                }
                awaitMoreReplies(replies, 20, failures);
                sites.kill(2);
                awaitMoreReplies(replies, 20, failures);
                sites.start(2);
                sites.awaitServing(2);
                // The restarted replica runs once it took the state others vouch for: a poll, since that takes rounds.
                SiteProcesses.poll(() -> {
                    JsonNode s = status(g, 2);
                    return s != null && s.path("running").asBoolean();
                }, 60, "the restarted site 2 to run");
                awaitMoreReplies(replies, 20, failures);
                stop.set(true);
                for (Thread t : load) {
                    t.join(30_000);
                }
                assertThat(failures).isEmpty();

                String[] cli = clientProcess(g, "add counter 1", "get counter");
                long added = replies.size() + 1;
                assertThat(cli[0]).as(cli[1]).isEqualTo("0");
                assertThat(cli[1].lines().toList()).containsExactly(Long.toString(added), Long.toString(added));
                assertThat(new String(proxy.invokeOrdered("get counter".getBytes(StandardCharsets.UTF_8)), StandardCharsets.UTF_8))
                        .isEqualTo(Long.toString(added));
            }
            // Every add got its own value, and together they are 1..N: none lost, none twice, none invented.
            Set<Long> distinct = new TreeSet<>(replies);
            assertThat(distinct).hasSize(replies.size());
            assertThat(distinct).containsExactlyElementsOf(java.util.stream.LongStream.rangeClosed(1, replies.size()).boxed().toList());

            // Every replica, the restarted one too, ends having executed the same requests.
            long[] executed = new long[4];
            SiteProcesses.poll(() -> {
                for (int i = 0; i < 4; i++) {
                    JsonNode s = status(g, i);
                    executed[i] = s == null ? -1 : s.path("executed").asLong();
                }
                return executed[0] > 0 && executed[0] == executed[1] && executed[1] == executed[2] && executed[2] == executed[3];
            }, 30, "the replicas' executed counts to converge");
            JsonNode restarted = status(g, 2);
            assertThat(restarted.path("running").asBoolean()).isTrue();
            assertThat(restarted.path("replica").path("statesTransferred").asLong() > 0
                    || restarted.path("executed").asLong() == executed[0]).as(restarted.toString()).isTrue();
            assertThat(restarted.path("clients").has("sessions")).isTrue();
            assertThat(restarted.path("network").path("framesReceived").asLong()).isPositive();

            for (int i = 0; i < 4; i++) {
                assertThat(sites.stop(i)).as("site %d's exit code on SIGTERM", i).isZero();
                assertThat(new GroupDirectory(g).siteDirectory(i).resolve(AdminSocket.FILE_NAME)).doesNotExist();
            }
        }
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void aReplicaThatLiesIsOutvoted() throws Exception {
        Path g = keygen();
        try (SiteProcesses sites = new SiteProcesses(g, 4)) {
            for (int i = 0; i < 3; i++) {
                sites.start(i);
            }
            sites.start(3, "--service", LyingKeyValueStore.class.getName());
            for (int i = 0; i < 4; i++) {
                sites.awaitServing(i);
            }
            assertThat(sites.site(3).wrote("lying replica loaded")).as(sites.site(3).output()).isTrue();

            String[] cli = clientProcess(g, "put x 1", "add x 2", "get x");
            assertThat(cli[0]).as(cli[1]).isEqualTo("0");
            assertThat(cli[1].lines().toList()).containsExactly("", "3", "3");
            String[] readOnly = clientProcess(g, "--read-only", "get x");
            assertThat(readOnly[1].lines().toList()).as(readOnly[0]).containsExactly("3");

            try (ServiceProxy proxy = proxy(g, "alice")) {
                for (int k = 1; k <= 20; k++) {
                    assertThat(new String(proxy.invokeOrdered(ADD), StandardCharsets.UTF_8)).isEqualTo(Long.toString(k));
                }
            }
            JsonNode liar = status(g, 3);
            assertThat(liar).isNotNull();
            assertThat(liar.path("executed").asLong()).isGreaterThanOrEqualTo(23);
        }
    }

    /** Waits until {@code more} replies beyond those already in arrived; the load threads run meanwhile. */
    private static void awaitMoreReplies(ConcurrentLinkedQueue<Long> replies, int more, ConcurrentLinkedQueue<Throwable> failures) {
        int target = replies.size() + more;
        SiteProcesses.poll(() -> replies.size() >= target || !failures.isEmpty(), 60, target + " replies");
        assertThat(failures).isEmpty();
    }
}
