package org.maftia.group.abc;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.maftia.crypto.Share;
import org.maftia.group.core.GroupKeys;
import org.maftia.group.core.MessageTypes;
import org.maftia.group.core.ProtocolInstance;
import org.maftia.group.sim.Byzantine;
import org.maftia.group.sim.SimGroup;
import org.maftia.group.stream.StreamEntry;
import org.maftia.testkit.sim.Seeds;

/**
 * Protocol 7 in the simulation, over seeds, n in {4, 7}, with t corrupted sites that are silent,
 * flood garbage and replays, or run the protocol while injecting junk entries, entries in honest
 * parties' names, replays of delivered entries and forged closes. Checks total order (every
 * honest party delivers the same sequence), validity (every honest payload is delivered),
 * integrity (no entry twice; an honest party's entries are exactly those it sent), and closing by
 * t+1 distinct parties only.
 */
class AbcSimulationTest {

    private static final String ID = "abc";
    private static final Map<Integer, List<GroupKeys>> KEYS = new HashMap<>();

    private static synchronized List<GroupKeys> keys(int n) {
        return KEYS.computeIfAbsent(n, k -> GroupKeys.dealInProcess(k, (k - 1) / 3, new SecureRandom()));
    }

    enum Strategy { SILENT, GARBAGE, INJECTOR }

    /** The application at one honest site: records deliveries; optionally slow to acknowledge. */
    static final class App implements Abc.Output {
        final List<String> delivered = new ArrayList<>();
        boolean terminated;
        int window = Integer.MAX_VALUE;
        int unacknowledged;

        @Override
        public boolean deliver(StreamEntry.Data entry) {
            delivered.add(entry.origin() + "/" + entry.seq() + "/" + new String(entry.payload(), StandardCharsets.UTF_8));
            return ++unacknowledged < window;
        }

        @Override
        public void terminated() {
            terminated = true;
        }
    }

    record Outcome(SimGroup group, Map<Integer, App> apps, Map<Integer, Abc> instances) {
    }

    static Outcome run(long seed, int n, int perSite, int maxBatch, Strategy strategy, boolean close) {
        int t = (n - 1) / 3;
        int[] corrupted = new int[t];
        for (int k = 0; k < t; k++) {
            corrupted[k] = (int) Math.floorMod(seed * 5 + k, n);
        }
        SimGroup g = new SimGroup(seed, n, corrupted);
        List<GroupKeys> keys = keys(n);
        Abc.Settings settings = Abc.Settings.DEFAULT.withMaxBatch(maxBatch);
        Map<Integer, App> apps = new HashMap<>();
        Map<Integer, Abc> instances = new HashMap<>();
        for (int i = 0; i < n; i++) {
            int site = i;
            if (g.isCorrupted(i)) {
                switch (strategy) {
                    case SILENT -> g.sites.get(i).start(Byzantine.silent(ID));
                    case GARBAGE -> g.sites.get(i).start(Byzantine.garbage(ID, seed + i, new int[] {MessageTypes.ABC_QUEUE}));
                    case INJECTOR -> {
                        Abc abc = new Abc(ID, keys.get(i), settings, new App());
                        g.sites.get(i).start(abc);
                        g.sites.get(i).onProtocolThread(() -> inject(abc, site, n, seed, keys.get(site)));
                    }
                }
                continue;
            }
            App app = new App();
            Abc abc = new Abc(ID, keys.get(i), settings, app);
            apps.put(i, app);
            instances.put(i, abc);
            g.sites.get(i).start(abc);
            g.sites.get(i).onProtocolThread(() -> {
                for (int k = 0; k < perSite; k++) {
                    abc.broadcast(new StreamEntry.Data(site, k, ("m" + k).getBytes(StandardCharsets.UTF_8)));
                }
                if (close) {
                    abc.broadcast(abc.closeEntry(site, "sim"));
                }
            });
        }
        int expected = perSite * apps.size();
        boolean done = g.runUntil(() -> apps.values().stream().allMatch(a -> close ? a.terminated
                : honestDelivered(a, apps.keySet()) == expected));
        assertThat(done).as("termination, seed %d", seed).isTrue();
        g.runToQuiescence();
        List<String> reference = apps.values().iterator().next().delivered;
        apps.forEach((site, app) -> {
            assertThat(app.delivered).as("total order at site %d, seed %d", site, seed).isEqualTo(reference);
            assertThat(new HashSet<>(app.delivered)).as("integrity: nothing twice").hasSize(app.delivered.size());
        });
        if (!close) {
            // After the terminating close nothing more is delivered, so validity is checked on open streams.
            for (int h : apps.keySet()) {
                for (int k = 0; k < perSite; k++) {
                    assertThat(reference).as("validity").contains(h + "/" + k + "/m" + k);
                }
            }
            assertThat(honestDelivered(apps.values().iterator().next(), apps.keySet())).as("honest entries are those sent")
                    .isEqualTo(expected);
        }
        return new Outcome(g, apps, instances);
    }

    private static long honestDelivered(App app, Set<Integer> honest) {
        // Origins are not authenticated (Protocol 7's payloads carry no sender): count what honest parties sent.
        return app.delivered.stream().filter(s -> honest.contains(Integer.parseInt(s.substring(0, s.indexOf('/'))))
                && s.contains("/m")).count();
    }

    /**
     * A corrupted party's inputs: junk bytes as entries, entries in honest parties' names at their
     * next sequence numbers with other payloads, and closes in honest parties' names with its own
     * signature share as the "proof".
     */
    private static void inject(Abc abc, int self, int n, long seed, GroupKeys keys) {
        SplittableRandom random = new SplittableRandom(seed);
        for (int h = 0; h < n; h++) {
            if (h == self) {
                continue;
            }
            abc.broadcast(new StreamEntry.Data(h, random.nextInt(3), "forged".getBytes(StandardCharsets.UTF_8)));
            Share mine = keys.abbaMain().sign(new byte[] {1, 2, 3});
            abc.broadcast(new StreamEntry.Close(h, mine.encoded()));
        }
        abc.broadcast(new StreamEntry.Close(self, abc.closeEntry(self, "sim").proof()));
    }

    @ParameterizedTest
    @ValueSource(ints = {4, 7})
    void honestPartiesDeliverTheSameSequenceWithSilentSites(int n) {
        Seeds.forEachCostly(n == 4 ? 60 : 10, seed -> run(seed, n, 4, 2, Strategy.SILENT, false));
    }

    @ParameterizedTest
    @ValueSource(ints = {4, 7})
    void garbageAndReplaysChangeNothing(int n) {
        Seeds.forEachCostly(n == 4 ? 40 : 6, seed -> run(seed, n, 3, 8, Strategy.GARBAGE, false));
    }

    @Test
    void forgedEntriesAreOrderedLikeAnyOtherButForgedClosesNeverCount() {
        Seeds.forEachCostly(40, seed -> {
            Outcome o = run(seed, 4, 3, 4, Strategy.INJECTOR, false);
            o.apps().forEach((site, app) -> assertThat(app.terminated)
                    .as("t forged or genuine closes do not close the stream").isFalse());
        });
    }

    @ParameterizedTest
    @ValueSource(ints = {4, 7})
    void theStreamClosesWhenTheHonestPartiesCloseAtTheSamePointEverywhere(int n) {
        Seeds.forEachCostly(n == 4 ? 40 : 6, seed -> {
            Outcome o = run(seed, n, 2, 16, Strategy.INJECTOR, true);
            o.apps().values().forEach(a -> assertThat(a.terminated).isTrue());
        });
    }

    @Test
    void batchesOfOneStillOrderEverything() {
        Seeds.forEachCostly(20, seed -> run(seed, 4, 6, 1, Strategy.SILENT, false));
    }

    @Test
    void aSlowApplicationStallsItsSiteWhichCatchesUpWhenItAcknowledges() {
        Seeds.forEachCostly(10, seed -> {
            SimGroup probe = new SimGroup(seed, 4);
            List<GroupKeys> keys = keys(4);
            List<App> apps = new ArrayList<>();
            List<Abc> instances = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                App app = new App();
                if (i == 0) {
                    app.window = 2;
                }
                Abc abc = new Abc(ID, keys.get(i), Abc.Settings.DEFAULT.withMaxBatch(1), app);
                apps.add(app);
                instances.add(abc);
                probe.sites.get(i).start(abc);
                int site = i;
                probe.sites.get(i).onProtocolThread(() -> {
                    for (int k = 0; k < 5; k++) {
                        abc.broadcast(new StreamEntry.Data(site, k, new byte[] {(byte) k}));
                    }
                });
            }
            probe.runToQuiescence();
            assertThat(apps.get(0).delivered).as("site 0 stops at its window").hasSize(2);
            App slow = apps.get(0);
            while (slow.delivered.size() < 20) {
                int before = slow.delivered.size();
                slow.unacknowledged = 0;
                probe.sites.get(0).onProtocolThread(instances.get(0)::resume);
                probe.runToQuiescence();
                assertThat(slow.delivered.size()).as("acknowledging lets it go on").isGreaterThan(before);
            }
            assertThat(slow.delivered).isEqualTo(apps.get(1).delivered);
        });
    }
}
