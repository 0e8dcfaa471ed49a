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
import org.maftia.group.sim.NetworkAttack;
import org.maftia.group.sim.SimGroup;
import org.maftia.group.stream.StreamEntry;
import org.maftia.testkit.net.Adversary;
import org.maftia.testkit.property.Agreement;
import org.maftia.testkit.property.DeliveryLog;
import org.maftia.testkit.property.Integrity;
import org.maftia.testkit.property.Termination;
import org.maftia.testkit.property.TotalOrder;
import org.maftia.testkit.property.Validity;
import org.maftia.testkit.sim.Seeds;

/**
 * Protocol 7 in the simulation, over seeds, n in {4, 7, 10}, with t corrupted sites that are
 * silent, each run one of the network attacks (over the protocol, broadcasting entries of their
 * own, where the attack needs it), or run the protocol while injecting entries in honest parties'
 * names and forged closes. Checks, with the testkit's checkers, total order and agreement (every
 * honest party delivers the same sequence), validity (every honest payload is delivered),
 * integrity (no entry twice, and only entries some party broadcast), termination; and that the
 * stream closes by t+1 distinct parties' closes only.
 */
class AbcSimulationTest {

    private static final String ID = "abc";
    private static final Map<Integer, List<GroupKeys>> KEYS = new HashMap<>();

    private static synchronized List<GroupKeys> keys(int n) {
        return KEYS.computeIfAbsent(n, k -> GroupKeys.dealInProcess(k, (k - 1) / 3, new SecureRandom()));
    }

    /** What the corrupted sites do: stay silent, one network attack each (drawn by seed), or inject entries. */
    enum Strategy { SILENT, NETWORK, INJECTOR }

    /** An ordered entry as the checkers compare it: origin, number and payload, by content. */
    record Entry(int origin, long seq, String payload) {
        static Entry of(StreamEntry.Data d) {
            return new Entry(d.origin(), d.seq(), new String(d.payload(), StandardCharsets.UTF_8));
        }

        StreamEntry.Data data() {
            return new StreamEntry.Data(origin, seq, payload.getBytes(StandardCharsets.UTF_8));
        }
    }

    /** The application at one honest site: records deliveries in the log; optionally slow to acknowledge. */
    static final class App implements Abc.Output {
        private final DeliveryLog<Entry> log;
        private final int site;
        private final Set<Entry> awaited;
        int awaitedDelivered;
        boolean terminated;
        int window = Integer.MAX_VALUE;
        int unacknowledged;

        /** {@code awaited}: the entries whose delivery the run waits for. */
        App(DeliveryLog<Entry> log, int site, Set<Entry> awaited) {
            this.log = log;
            this.site = site;
            this.awaited = awaited;
        }

        @Override
        public boolean deliver(StreamEntry.Data entry, List<StreamEntry.Data> mine) {
            Entry e = Entry.of(entry);
            log.record(site, e);
            if (awaited.contains(e)) {
                awaitedDelivered++;
            }
            return ++unacknowledged < window;
        }

        @Override
        public void dropped(StreamEntry.Data mine) {
        }

        @Override
        public void terminated() {
            terminated = true;
        }
    }

    /** What a corrupted site's instance delivers: nothing the properties speak of. */
    private static final Abc.Output IGNORED = new Abc.Output() {
        @Override
        public boolean deliver(StreamEntry.Data entry, List<StreamEntry.Data> mine) {
            return true;
        }

        @Override
        public void dropped(StreamEntry.Data mine) {
        }

        @Override
        public void terminated() {
        }
    };

    /** Party {@code site}'s {@code count} entries, as it broadcasts them when it runs the protocol. */
    private static List<Entry> entriesOf(int site, int count) {
        List<Entry> entries = new ArrayList<>();
        for (int k = 0; k < count; k++) {
            entries.add(new Entry(site, k, "m" + site + "." + k));
        }
        return entries;
    }

    /** Runs one group to the end and checks the properties; returns the honest sites' applications. */
    static Map<Integer, App> run(long seed, int n, int perSite, int maxBatch, Strategy strategy, boolean close) {
        int t = (n - 1) / 3;
        int[] corrupted = new int[t];
        for (int k = 0; k < t; k++) {
            corrupted[k] = (int) Math.floorMod(seed * 5 + k, n);
        }
        SimGroup g = new SimGroup(seed, n, corrupted);
        List<GroupKeys> keys = keys(n);
        Abc.Settings settings = Abc.Settings.DEFAULT.withMaxBatch(maxBatch);
        DeliveryLog<Entry> log = g.log();
        Set<Entry> honestEntries = new HashSet<>();
        g.honest().forEach(h -> honestEntries.addAll(entriesOf(h, perSite)));
        // Every entry any party broadcast, corrupted ones included: the only entries that may be delivered.
        List<Entry> broadcast = new ArrayList<>(honestEntries);
        Map<Integer, App> apps = new HashMap<>();
        List<Adversary> attacks = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int site = i;
            if (g.isCorrupted(i)) {
                switch (strategy) {
                    case SILENT -> attacks.addAll(NetworkAttack.SILENT.at(g, i));
                    case NETWORK -> {
                        NetworkAttack attack = NetworkAttack.values()[(int) Math.floorMod(seed + i, NetworkAttack.values().length)];
                        attacks.addAll(attack.at(g, i));
                        if (attack.runsProtocol()) {
                            // The protocol itself, with entries of its own, whose messages the attack silences, alters or misdirects.
                            Abc abc = new Abc(ID, keys.get(i), settings, IGNORED);
                            g.sites.get(i).start(abc);
                            List<Entry> own = entriesOf(i, perSite);
                            broadcast.addAll(own);
                            g.sites.get(i).onProtocolThread(() -> own.forEach(e -> abc.broadcast(e.data())));
                        }
                    }
                    case INJECTOR -> {
                        Abc abc = new Abc(ID, keys.get(i), settings, IGNORED);
                        g.sites.get(i).start(abc);
                        List<Entry> forged = forgedEntries(site, n, seed);
                        broadcast.addAll(forged);
                        g.sites.get(i).onProtocolThread(() -> inject(abc, site, n, forged, keys.get(site)));
                    }
                }
                continue;
            }
            App app = new App(log, i, honestEntries);
            Abc abc = new Abc(ID, keys.get(i), settings, app);
            apps.put(i, app);
            g.sites.get(i).start(abc);
            g.sites.get(i).onProtocolThread(() -> {
                entriesOf(site, perSite).forEach(e -> abc.broadcast(e.data()));
                if (close) {
                    abc.broadcast(abc.closeEntry(site, "sim"));
                }
            });
        }
        g.attack(attacks);
        g.runUntil(() -> apps.values().stream().allMatch(a -> close ? a.terminated : a.awaitedDelivered == honestEntries.size()));
        g.runToQuiescence();
        if (close) {
            Termination.reached(apps.keySet(), "terminated", s -> apps.get(s).terminated);
        } else {
            // After the terminating close nothing more is delivered, so validity is checked on open streams.
            Termination.delivered(log, honestEntries.size());
            Validity.delivered(log, honestEntries);
        }
        Agreement.totality(log);
        TotalOrder.identical(log);
        Integrity.noDuplicates(log);
        // Protocol 7's entries do not authenticate their origin (a corrupted party may broadcast one
        // in an honest party's name), so each origin's entries are those anyone broadcast in its name.
        Map<Integer, List<Entry>> inTheNameOf = new HashMap<>();
        for (int o = 0; o < n; o++) {
            int origin = o;
            inTheNameOf.put(o, broadcast.stream().filter(e -> e.origin() == origin).toList());
        }
        Integrity.onlySent(log, Entry::origin, inTheNameOf);
        return apps;
    }

    /** A corrupted party's entries in honest parties' names, at small sequence numbers, with other payloads. */
    private static List<Entry> forgedEntries(int self, int n, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        List<Entry> forged = new ArrayList<>();
        for (int h = 0; h < n; h++) {
            if (h != self) {
                forged.add(new Entry(h, random.nextInt(3), "forged"));
            }
        }
        return forged;
    }

    /**
     * A corrupted party's inputs: the forged entries, closes in honest parties' names with its own
     * signature share as the "proof", and its own genuine close.
     */
    private static void inject(Abc abc, int self, int n, List<Entry> forged, GroupKeys keys) {
        forged.forEach(e -> abc.broadcast(e.data()));
        Share mine = keys.abbaMain().sign(new byte[] {1, 2, 3});
        for (int h = 0; h < n; h++) {
            if (h != self) {
                abc.broadcast(new StreamEntry.Close(h, mine.encoded()));
            }
        }
        abc.broadcast(new StreamEntry.Close(self, abc.closeEntry(self, "sim").proof()));
    }

    @ParameterizedTest
    @ValueSource(ints = {4, 7, 10})
    void honestPartiesDeliverTheSameSequenceWithSilentSites(int n) {
        Seeds.forEachCostly(n == 4 ? 60 : n == 7 ? 10 : 5, seed -> run(seed, n, 4, 2, Strategy.SILENT, false));
    }

    @ParameterizedTest
    @ValueSource(ints = {4, 7, 10})
    void networkAttacksOfTheCorruptedSitesChangeNothing(int n) {
        Seeds.forEachCostly(n == 4 ? 40 : n == 7 ? 8 : 5, seed -> run(seed, n, 3, 8, Strategy.NETWORK, false));
    }

    @Test
    void forgedEntriesAreOrderedLikeAnyOtherButForgedClosesNeverCount() {
        Seeds.forEachCostly(40, seed -> {
            run(seed, 4, 3, 4, Strategy.INJECTOR, false).forEach((site, app) -> assertThat(app.terminated)
                    .as("t forged or genuine closes do not close the stream at site %d", site).isFalse());
        });
    }

    @ParameterizedTest
    @ValueSource(ints = {4, 7, 10})
    void theStreamClosesWhenTheHonestPartiesCloseAtTheSamePointEverywhere(int n) {
        // run checks that every honest party terminated, on the same sequence.
        Seeds.forEachCostly(n == 4 ? 40 : n == 7 ? 6 : 3, seed -> run(seed, n, 2, 16, Strategy.INJECTOR, true));
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
            DeliveryLog<Entry> log = probe.log();
            List<App> apps = new ArrayList<>();
            List<Abc> instances = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                App app = new App(log, i, Set.of());
                if (i == 0) {
                    app.window = 2;
                }
                Abc abc = new Abc(ID, keys.get(i), Abc.Settings.DEFAULT.withMaxBatch(1), app);
                apps.add(app);
                instances.add(abc);
                probe.sites.get(i).start(abc);
                int site = i;
                probe.sites.get(i).onProtocolThread(() -> entriesOf(site, 5).forEach(e -> abc.broadcast(e.data())));
            }
            probe.runToQuiescence();
            assertThat(log.count(0)).as("site 0 stops at its window").isEqualTo(2);
            App slow = apps.get(0);
            while (log.count(0) < 20) {
                int before = log.count(0);
                slow.unacknowledged = 0;
                probe.sites.get(0).onProtocolThread(instances.get(0)::resume);
                probe.runToQuiescence();
                assertThat(log.count(0)).as("acknowledging lets it go on").isGreaterThan(before);
            }
            Termination.delivered(log, 20);
            TotalOrder.identical(log);
        });
    }
}
