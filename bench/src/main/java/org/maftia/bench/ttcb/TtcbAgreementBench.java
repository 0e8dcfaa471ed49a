package org.maftia.bench.ttcb;

import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.maftia.ttcb.DecisionFunction;
import org.maftia.ttcb.Eid;
import org.maftia.ttcb.Protection;
import org.maftia.ttcb.Tag;
import org.maftia.ttcb.TtcbError;
import org.maftia.ttcb.client.TtcbClient;
import org.maftia.ttcb.core.TimingParameters;
import org.maftia.ttcb.daemon.TtcbConfig;
import org.maftia.ttcb.daemon.TtcbDaemon;

/**
 * The TTCB agreement service on real sockets: 4 local TTCB daemons in this process (UDP control
 * network on loopback, Unix domain sockets), one entity per daemon. Measures the propose-to-decide
 * latency at the entities against the computed Tagreement, agreements per second with a window
 * of agreements in flight, and the spread of the daemons' synchronised clocks.
 * Run: {@code java -cp bench/target/maftia-benchmarks.jar org.maftia.bench.ttcb.TtcbAgreementBench [seconds] [window]}.
 */
public final class TtcbAgreementBench {

    private static final long MS = 1_000_000L;

    private TtcbAgreementBench() {
    }

    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        int window = args.length > 1 ? Integer.parseInt(args[1]) : 8;
        // WCETsend and WCETreceive well above the lateness of a TTCB thread on a loaded shared VM
        // (tens of ms): a local TTCB that runs either routine later than its WCET halts. π is then
        // what clock synchronisation can keep with them (achievablePrecision, 2 WCETreceive + 5.2 ms).
        TimingParameters timing = new TimingParameters(10 * MS, 2 * MS, 1, 1, 5 * MS, 0, 100 * MS, 100 * MS, 210 * MS, 100, 10);
        Path dir = Files.createTempDirectory("ttcb-bench");
        byte[] secret = new byte[32];
        new java.security.SecureRandom().nextBytes(secret);
        List<InetSocketAddress> members = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            try (DatagramSocket s = new DatagramSocket(0)) {
                members.add(new InetSocketAddress("127.0.0.1", s.getLocalPort()));
            }
        }
        List<TtcbDaemon> daemons = new ArrayList<>();
        List<TtcbClient> clients = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            TtcbConfig c = new TtcbConfig(i, dir.resolve("t" + i + ".sock"), dir.resolve("t" + i + ".key"), dir.resolve("t" + i + ".pub"),
                    secret, timing, Map.of("noop", 50_000L, "sha256", 200_000L, "alarm", 50_000L), 64, 10_000 * MS, members);
            TtcbDaemon d = new TtcbDaemon(c);
            d.start();
            daemons.add(d);
        }
        for (int i = 0; i < 4; i++) {
            clients.add(TtcbClient.connect(dir.resolve("t" + i + ".sock"), dir.resolve("t" + i + ".pub"), Protection.MAC));
        }
        List<Eid> elist = clients.stream().map(TtcbClient::eid).toList();
        while (clients.getFirst().propose(elist.getFirst(), List.of(elist.getFirst()), clients.getFirst().getTimestamp() + 50 * MS,
                DecisionFunction.TBA_MAJORITY, new byte[] {0}).error() == TtcbError.NOT_SYNCHRONIZED) {
            Thread.sleep(50); // until the clocks are synchronised; before any measurement
        }
        System.out.printf("Tbroadcast = %.1f ms, Tagreement = %.1f ms (formulas 4.2, 4.3), pi = %.1f ms%n",
                timing.tbroadcast() / 1e6, timing.tagreement() / 1e6, timing.pi() / 1e6);

        // Agreements with tstart far enough ahead: every entity proposes, then polls decide every 0.5 ms.
        List<Long> latencies = new ArrayList<>();
        long maxSpread = 0;
        long decided = 0;
        // Proposals the TTCB refused (RESOURCES: this round's frame or the entity's share is full); not timed.
        Map<TtcbError, Long> refused = new java.util.EnumMap<>(TtcbError.class);
        long started = System.nanoTime();
        long end = started + seconds * 1_000_000_000L;
        long k = 0;
        while (System.nanoTime() < end && daemons.stream().noneMatch(TtcbDaemon::isHalted)) {
          try {
            List<Map<Integer, Tag>> batch = new ArrayList<>();
            List<long[]> proposedAt = new ArrayList<>();
            for (int w = 0; w < window; w++, k++) {
                long tstart = clients.getFirst().getTimestamp() + 30 * MS;
                Map<Integer, Tag> tags = new HashMap<>();
                long[] at = new long[4];
                for (int i = 0; i < 4; i++) {
                    TtcbClient c = clients.get(i);
                    at[i] = System.nanoTime();
                    var r = c.propose(c.eid(), elist, tstart, DecisionFunction.TBA_MAJORITY, ("v" + k).getBytes(StandardCharsets.US_ASCII));
                    if (r.error() == TtcbError.OK && !daemons.get(i).isHalted()) {
                        tags.put(i, r.tag());
                    } else {
                        refused.merge(r.error(), 1L, Long::sum);
                    }
                }
                batch.add(tags);
                proposedAt.add(at);
            }
            for (int w = 0; w < window; w++) {
                for (Map.Entry<Integer, Tag> e : batch.get(w).entrySet()) {
                    TtcbClient c = clients.get(e.getKey());
                    while (c.decide(c.eid(), e.getValue()).error() == TtcbError.NOT_ENDED) {
                        Thread.sleep(0, 500_000); // decide is non-blocking by spec 2.2.3.3: entities poll it
                    }
                    latencies.add(System.nanoTime() - proposedAt.get(w)[e.getKey()]);
                    decided++;
                }
            }
            long min = Long.MAX_VALUE;
            long max = Long.MIN_VALUE;
            for (TtcbDaemon d : daemons) {
                min = Math.min(min, d.ttcb().clockCorrection());
                max = Math.max(max, d.ttcb().clockCorrection());
            }
            maxSpread = Math.max(maxSpread, max - min);
          } catch (org.maftia.ttcb.TtcbException e) {
            System.out.println("stopped: " + e.getMessage());
            break;
          }
        }
        for (TtcbDaemon d : daemons) {
            System.out.println("TTCB " + d.ttcb().id() + (d.isHalted() ? " HALTED" : "") + ": " + d.ttcb().counters());
        }
        double elapsed = (System.nanoTime() - started) / 1e9;
        long[] sorted = latencies.stream().mapToLong(Long::longValue).sorted().toArray();
        System.out.printf("%d agreements decided by %d entities in %.1f s: %.1f agreements/s (window %d)%n",
                decided / 4, 4, elapsed, decided / 4 / elapsed, window);
        System.out.println("proposals refused: " + refused);
        if (sorted.length == 0) {
            System.out.println("no agreement decided: a local TTCB halted before the first one (see its log line)");
            System.exit(1);
        }
        System.out.printf("propose->decide latency at the entity: p50 %.1f ms, p90 %.1f ms, p99 %.1f ms, max %.1f ms (Tagreement %.1f ms)%n",
                pct(sorted, 50), pct(sorted, 90), pct(sorted, 99), sorted[sorted.length - 1] / 1e6, timing.tagreement() / 1e6);
        System.out.printf("clock spread (largest difference of corrections, one hardware clock): %.3f ms; pi %.1f ms%n", maxSpread / 1e6, timing.pi() / 1e6);
        long tf = daemons.stream().mapToLong(d -> d.ttcb().counters().timingFailures()).sum();
        System.out.printf("timing failures counted by the TTCBs: %d; %s%n", tf, daemons.getFirst().ttcb().counters());
        clients.forEach(TtcbClient::close);
        for (TtcbDaemon d : daemons) {
            d.close();
        }
        System.exit(0);
    }

    private static double pct(long[] sorted, int p) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)] / 1e6;
    }

}
