package org.maftia.group.abc;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.maftia.group.core.GroupKeys;
import org.maftia.group.sim.SimGroup;
import org.maftia.group.stream.StreamEntry;
import org.maftia.testkit.net.Adversary;
import org.maftia.testkit.net.Envelope;
import org.maftia.testkit.net.SimulatedNetwork;
import org.maftia.testkit.sim.Seeds;

/**
 * Resumption (see {@link Abc}) in the simulation, n in {4, 7}: one honest party is down from the
 * start (everything it would send or receive is lost, as for a crashed process) while the others
 * order far more rounds than any of them keeps decisions for. It then comes up with nothing but a
 * resume point taken from an honest party a few rounds before that party's latest, as a replica
 * does after a state transfer: it must catch up on the rounds after that point through answers,
 * deliver exactly the others' sequence, and take part again. When the corrupted parties fall
 * silent as it comes back, the others need it in every round, so it must get there.
 */
class AbcResumeSimulationTest {

    private static final String ID = "abc-resume";
    private static final Map<Integer, List<GroupKeys>> KEYS = new HashMap<>();
    /** Batches of one entry, so the entries take many rounds; fewer decisions kept than rounds run while it is down. */
    private static final Abc.Settings SETTINGS = new Abc.Settings(1, 1 << 12, 3, 3, 64, 8, 32 << 20);
    private static final int WHILE_DOWN = 24;
    private static final int AFTER = 3;
    /** How many rounds before the others' latest the resumed party begins: fewer than the decisions they keep. */
    private static final int BEHIND = 4;

    private static synchronized List<GroupKeys> keys(int n) {
        return KEYS.computeIfAbsent(n, k -> GroupKeys.dealInProcess(k, (k - 1) / 3, new SecureRandom()));
    }

    /** The application at one site: what it delivered, and its instance's resume points at its latest rounds' ends. */
    private static final class App implements Abc.Output {
        final List<String> delivered = new ArrayList<>();
        final java.util.TreeMap<Long, Abc.ResumePoint> points = new java.util.TreeMap<>();
        final Map<Long, Integer> deliveredAt = new HashMap<>();
        Abc abc;

        @Override
        public boolean deliver(StreamEntry.Data entry, List<StreamEntry.Data> mine) {
            delivered.add(entry.origin() + "/" + entry.seq() + "/" + new String(entry.payload(), StandardCharsets.UTF_8));
            return true;
        }

        @Override
        public void dropped(StreamEntry.Data mine) {
        }

        @Override
        public void terminated() {
        }

        @Override
        public void roundEnded(long round) {
            Abc.ResumePoint point = abc.resumePoint();
            points.put(point.round(), point);
            deliveredAt.put(point.round(), delivered.size());
            points.headMap(point.round() - BEHIND).clear();
        }
    }

    /** Drops the corrupted parties' messages once the site that was down is up, if asked to. */
    private static final class FallingSilent implements Adversary {
        final boolean silenceCorrupted;
        boolean up;

        FallingSilent(boolean silenceCorrupted) {
            this.silenceCorrupted = silenceCorrupted;
        }

        @Override
        public Decision onMessage(Envelope message, SimulatedNetwork network) {
            return up && silenceCorrupted && network.isCorrupted(message.from()) ? DROP : DELIVER;
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {4, 7})
    void aPartyResumedFromAnotherPartysResumePointDeliversTheRestOfTheSameSequence(int n) {
        Seeds.forEachCostly(n == 4 ? 12 : 4, seed -> run(seed, n, false));
    }

    @ParameterizedTest
    @ValueSource(ints = {4, 7})
    void corruptedPartiesFallingSilentAsItComesBackCannotStopIt(int n) {
        Seeds.forEachCostly(n == 4 ? 12 : 4, seed -> run(seed, n, true));
    }

    private static void run(long seed, int n, boolean silenceCorrupted) {
        int t = (n - 1) / 3;
        int down = (int) Math.floorMod(seed, n);
        int[] corrupted = new int[silenceCorrupted ? t : 0];
        for (int k = 0; k < corrupted.length; k++) {
            corrupted[k] = (down + 1 + k) % n;
        }
        SimGroup g = new SimGroup(seed, n, corrupted);
        FallingSilent adversary = new FallingSilent(silenceCorrupted);
        g.net.adversary(adversary);
        g.net.down(down);
        Map<Integer, App> apps = new HashMap<>();
        int expected = 0;
        for (int i = 0; i < n; i++) {
            if (i == down) {
                continue;
            }
            App app = new App();
            app.abc = new Abc(ID, keys(n).get(i), SETTINGS, app);
            apps.put(i, app);
            g.sites.get(i).start(app.abc);
            if (!g.isCorrupted(i)) {
                broadcast(g, i, app.abc, 0, WHILE_DOWN);
                expected += WHILE_DOWN;
            }
        }
        int whileDown = expected;
        int reference = g.honest().stream().filter(i -> i != down).findFirst().orElseThrow();
        boolean ordered = g.runUntil(() -> apps.get(reference).delivered.size() >= whileDown);
        assertThat(ordered).as("the others order while it is down, seed %d", seed).isTrue();
        App from = apps.get(reference);
        Abc.ResumePoint point = from.points.firstEntry().getValue();
        assertThat(point.round()).as("more rounds than decisions kept, seed %d", seed).isGreaterThan(SETTINGS.decisionsKept());

        adversary.up = true;
        g.net.up(down);
        App resumed = new App();
        resumed.abc = new Abc(ID, keys(n).get(down), SETTINGS, resumed, Abc.ResumePoint.decode(point.encode()));
        List<String> before = List.copyOf(from.delivered.subList(0, from.deliveredAt.get(point.round())));
        apps.put(down, resumed);
        g.sites.get(down).start(resumed.abc);
        for (int i : g.honest()) {
            broadcast(g, i, apps.get(i).abc, WHILE_DOWN, AFTER);
            expected += AFTER;
        }
        int total = expected;
        boolean done = g.runUntil(() -> g.honest().stream()
                .allMatch(i -> apps.get(i).delivered.size() + (i == down ? before.size() : 0) >= total));
        assertThat(done).as("every honest party delivers everything, seed %d", seed).isTrue();
        List<String> whole = new ArrayList<>(before);
        whole.addAll(resumed.delivered);
        for (int i : g.honest()) {
            if (i != down) {
                assertThat(whole).as("the resumed party's sequence at site %d, seed %d", i, seed).isEqualTo(apps.get(i).delivered);
            }
        }
        assertThat(resumed.abc.catchUpCounters().roundsAdopted()).as("its first round came from answers, seed %d", seed)
                .isPositive();
    }

    private static void broadcast(SimGroup g, int site, Abc abc, int from, int count) {
        g.sites.get(site).onProtocolThread(() -> {
            for (int k = from; k < from + count; k++) {
                abc.broadcast(new StreamEntry.Data(site, k, ("m" + site + "." + k).getBytes(StandardCharsets.UTF_8)));
            }
        });
    }
}
