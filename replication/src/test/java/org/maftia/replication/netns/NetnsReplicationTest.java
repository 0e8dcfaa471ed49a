package org.maftia.replication.netns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.maftia.group.directory.Dealer;
import org.maftia.group.directory.GroupDirectory;
import org.maftia.net.InetWithPort;
import org.maftia.net.group.GroupConfig;
import org.maftia.net.group.GroupConfigWriter;
import org.maftia.net.group.SiteConfig;
import org.maftia.net.link.LinkKeyPair;
import org.maftia.replication.ProxyOptions;
import org.maftia.replication.ServiceProxy;

/**
 * A replicated key-value store on four hosts (network namespaces on one bridge, each site a JVM
 * of its own, links delayed and lossy where the kernel allows), called by a client from the root
 * namespace: while two client threads add to a counter, one site is cut off the network for a few
 * seconds. The other three keep answering (n - t = 3 of n = 4, spec 5.3.3), the cut-off site
 * catches up once back (the atomic broadcast's catch-up, spec 5.3.1), and every reply the client
 * got is right: each add returned a different sum, and the counter ends at the number of adds.
 */
class NetnsReplicationTest {

    private static final int N = 4;
    private static final int T = 1;
    private static final int PARTITIONED = 3;
    private static final String NETEM = "delay 5ms 2ms loss 1%";
    private static final int THREADS = 2;
    private static final Duration PARTITION = Duration.ofSeconds(3);
    /**
     * Between one thread's calls. Rounds follow requests (no request, no round: the sites' lines
     * show round and executed growing together), so during the partition the others order at most
     * THREADS * PARTITION / PAUSE_MILLIS = 60 rounds: fewer than the 64 whose decisions the atomic
     * broadcast keeps for catch-up (Abc.Settings.DEFAULT.decisionsKept). A site that missed more
     * would need the state transferred while it runs, which the replica does not do yet
     * (package-info, "Not yet here").
     */
    private static final long PAUSE_MILLIS = 100;

    @TempDir
    Path dir;

    @Test
    void aSiteCutOffTheNetworkCatchesUpWhileTheOthersKeepServingAndEveryReplyIsRight() throws Exception {
        NetnsNetwork net;
        try {
            net = NetnsNetwork.create(N, NETEM);
        } catch (NetnsNetwork.Unavailable e) {
            Assumptions.abort("needs root and ip netns: " + e.getMessage());
            return;
        }
        List<NetnsSite> sites = new ArrayList<>();
        try (net) {
            try {
                System.out.println("netns LAN " + net.site(0) + "..; impairment: " + net.impairment());
                GroupDirectory group = dealGroup(net);
                for (int i = 0; i < N; i++) {
                    sites.add(NetnsSite.start(net.site(i), group.root(), i, dir.resolve("site-" + i + ".err")));
                }
                for (NetnsSite s : sites) {
                    if (!s.awaitReady(45, TimeUnit.SECONDS)) {
                        fail("a site did not start within 45 s:\n" + s.diagnostics());
                    }
                }
                LinkKeyPair clientKeys = GroupDirectory.readClientKeys(group.clientDirectory("tester"));
                try (ServiceProxy proxy = ServiceProxy.connect(group.group(), clientKeys,
                        new ProxyOptions(Duration.ofSeconds(1), 16, Duration.ofSeconds(2)))) {
                    runScenario(net, sites, proxy);
                }
            } finally {
                sites.forEach(NetnsSite::close);
            }
        }
    }

    private void runScenario(NetnsNetwork net, List<NetnsSite> sites, ServiceProxy proxy) throws Exception {
        Load load = new Load(proxy);
        load.start();
        try {
            long firstDeadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (load.sums.size() < 5 && System.nanoTime() < firstDeadline) {
                Thread.sleep(100); // the group's first rounds, slower on a loaded machine: poll, bounded by the deadline
            }
            assertTrue(load.sums.size() >= 5, "fewer than 5 adds answered before the partition; failures: " + load.failures);

            NetnsSite cut = sites.get(PARTITIONED);
            long cutAt = cut.millisSinceStart();
            net.partition(PARTITIONED);
            int answeredBefore = load.sums.size();
            Thread.sleep(PARTITION.toMillis()); // the partition lasts this long while the load goes on
            int answeredDuring = load.sums.size() - answeredBefore;
            long othersAtHeal = maxExecutedOfOthers(sites);
            long cutAtHeal = cut.executed();
            net.heal(PARTITIONED);
            long healedAt = cut.millisSinceStart();
            System.out.printf("partition of %d ms: %d adds answered; site %d at %s, the others at %s%n", PARTITION.toMillis(),
                    answeredDuring, PARTITIONED, cut.latest(), sites.stream().filter(s -> s != cut).map(NetnsSite::latest).toList());
            assertTrue(answeredDuring >= 5, "the service stalled while site " + PARTITIONED + " was cut off: "
                    + answeredDuring + " adds answered in " + PARTITION.toMillis() + " ms");
            assertTrue(cutAtHeal < othersAtHeal, "the partition did not hold site " + PARTITIONED + " back: it executed "
                    + cutAtHeal + ", the others " + othersAtHeal);

            Thread.sleep(2_000); // load after the heal, so the cut-off site has more to catch up on
            load.stop();
            assertEquals(List.of(), load.failures, "calls that failed");

            long last = Long.parseLong(new String(proxy.invokeOrdered(bytes("get counter")), StandardCharsets.UTF_8));
            assertEquals(load.sums.size(), last, "the counter is not the number of adds answered");
            Set<Long> distinct = new HashSet<>(load.sums);
            assertEquals(load.sums.size(), distinct.size(), "two adds were answered with the same sum");
            assertTrue(distinct.stream().allMatch(s -> s >= 1 && s <= last), "a sum outside 1.." + last + ": " + distinct);

            awaitExecutedEverywhere(last + 1, sites, cut, cutAt);
            System.out.printf("site %d back at the others' count when it was cut off (%d) %s ms after the partition healed%n",
                    PARTITIONED, othersAtHeal, cut.linesSince(healedAt).stream().filter(l -> l.executed() >= othersAtHeal)
                            .findFirst().map(l -> Long.toString(l.millis() - healedAt)).orElseThrow());
        } finally {
            load.stop();
        }
    }

    /** Every site reports {@code expected} executed requests (each add and the get, once) within 20 s. */
    private static void awaitExecutedEverywhere(long expected, List<NetnsSite> sites, NetnsSite cut, long cutAt)
            throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < deadline) {
            Thread.sleep(250); // the sites report every 500 ms; poll, bounded by the deadline
            if (sites.stream().allMatch(s -> s.executed() == expected)) {
                return;
            }
        }
        StringBuilder evidence = new StringBuilder();
        for (NetnsSite s : sites) {
            evidence.append("\nsite ").append(sites.indexOf(s)).append(": ").append(s.latest());
        }
        fail("not every site executed the " + expected + " requests within 20 s of the load's end;"
                + " latest lines:" + evidence + "\nsite " + PARTITIONED + " since the partition (ms since its start "
                + cutAt + "): " + cut.linesSince(cutAt) + "\n" + cut.diagnostics());
    }

    private static long maxExecutedOfOthers(List<NetnsSite> sites) {
        long max = -1;
        for (int i = 0; i < sites.size(); i++) {
            if (i != PARTITIONED) {
                max = Math.max(max, sites.get(i).executed());
            }
        }
        return max;
    }

    /**
     * Deals the group for the first site's address, then gives each site its own host in the
     * group file: the dealer puts every site on one host.
     */
    private GroupDirectory dealGroup(NetnsNetwork net) throws IOException {
        Path root = dir.resolve("group");
        GroupDirectory group = new Dealer(new SecureRandom()).deal(new Dealer.Plan("netns", N, T, net.address(0), 7000, 7100,
                List.of("tester"), "ed25519-quorum", "dh-coin-p256", "tdh2-p256"), new GroupDirectory(root), false);
        GroupConfig dealt = group.group();
        List<SiteConfig> spread = new ArrayList<>();
        for (SiteConfig s : dealt.sites()) {
            InetAddress host = net.address(s.id());
            spread.add(new SiteConfig(s.id(), new InetWithPort(host, s.address().port()), s.linkPublicKey(), s.publicKeys(),
                    new InetWithPort(host, s.clientEndpoint().orElseThrow().port())));
        }
        GroupConfig config = new GroupConfig(dealt.groupId(), dealt.n(), dealt.t(), spread, dealt.clients());
        Files.writeString(root.resolve(GroupDirectory.GROUP_FILE), GroupConfigWriter.yaml(config,
                "Dealt for " + net.address(0).getHostAddress() + ", each site then on its own host."), StandardCharsets.UTF_8);
        return group;
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** Threads calling {@code add counter 1} in a loop, keeping every sum and every failure. */
    private static final class Load {
        final Queue<Long> sums = new ConcurrentLinkedQueue<>();
        final List<String> failures = Collections.synchronizedList(new ArrayList<>());
        private final ServiceProxy proxy;
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final List<Thread> threads = new ArrayList<>();

        Load(ServiceProxy proxy) {
            this.proxy = proxy;
        }

        void start() {
            for (int k = 0; k < THREADS; k++) {
                Thread t = new Thread(this::loop, "netns-load-" + k);
                t.setDaemon(true);
                threads.add(t);
                t.start();
            }
        }

        private void loop() {
            while (running.get()) {
                try {
                    sums.add(Long.parseLong(new String(proxy.invokeOrdered(bytes("add counter 1")), StandardCharsets.UTF_8)));
                    Thread.sleep(PAUSE_MILLIS); // caps the rounds ordered during the partition (see PAUSE_MILLIS)
                } catch (InterruptedException e) {
                    return;
                } catch (RuntimeException e) {
                    if (running.get()) {
                        failures.add(e.toString());
                    }
                }
            }
        }

        /** Stops the threads and waits for their calls under way to finish. */
        void stop() throws InterruptedException {
            running.set(false);
            for (Thread t : threads) {
                t.join(10_000);
            }
        }
    }
}
