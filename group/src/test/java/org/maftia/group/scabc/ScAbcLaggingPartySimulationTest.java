package org.maftia.group.scabc;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.maftia.crypto.Decryptor;
import org.maftia.crypto.ThresholdParameters;
import org.maftia.crypto.dl.DiffieHellmanCoin;
import org.maftia.crypto.quorum.QuorumDealer;
import org.maftia.group.abc.Abc;
import org.maftia.group.core.Envelope;
import org.maftia.group.core.GroupKeys;
import org.maftia.group.core.GroupMessageEvent;
import org.maftia.group.core.MessageTypes;
import org.maftia.group.sim.SimGroup;
import org.maftia.group.stream.StreamEntry;
import org.maftia.net.transport.SiteId;
import org.maftia.testkit.net.Adversary;
import org.maftia.testkit.net.SimulatedNetwork;
import org.maftia.testkit.property.Agreement;
import org.maftia.testkit.property.DeliveryLog;
import org.maftia.testkit.property.Integrity;
import org.maftia.testkit.property.TotalOrder;
import org.maftia.testkit.property.Validity;
import org.maftia.testkit.sim.Seeds;

/**
 * Protocol 8 with a party that falls behind: the others order and reveal, and send it their
 * decryption shares, while it is cut off; once back, it orders the same ciphertexts (through
 * Protocol 7's rounds, or catch-up) and must reveal every one of them from the shares that waited
 * for it. Under load (batches of 512, n = 4: up to 1,536 positions a round), eight rounds are
 * more than 12,000 positions. A corrupted party that floods it with shares for positions it has not
 * ordered stays within a quota of bytes and displaces no honest share.
 *
 * <p>The ciphertexts are {@link TransparentCryptosystem}'s, so tens of thousands of them fit in a
 * simulation; the ordering, the shares and their rules are SC-ABC's own.
 */
class ScAbcLaggingPartySimulationTest {

    private static final String ID = "scabc-lag";
    private static final String GROUP = "sim";
    private static final int N = 4;
    private static final int T = 1;
    private static final List<GroupKeys> KEYS = keys();

    private static List<GroupKeys> keys() {
        SecureRandom random = new SecureRandom();
        var main = QuorumDealer.generate(ThresholdParameters.quorum(N, T), random);
        var pre = QuorumDealer.generate(ThresholdParameters.onePlusFaults(N, T), random);
        var vcbc = QuorumDealer.generate(ThresholdParameters.honestMajority(N, T), random);
        var coin = DiffieHellmanCoin.deal(ThresholdParameters.quorum(N, T), random);
        List<Decryptor> e = TransparentCryptosystem.deal(N, T);
        List<GroupKeys> keys = new ArrayList<>();
        for (int i = 0; i < N; i++) {
            keys.add(new GroupKeys(main.signers().get(i), pre.signers().get(i), vcbc.signers().get(i), coin.holders().get(i),
                    e.get(i)));
        }
        return keys;
    }

    /** The application at one site: the cleartexts in the order revealed. */
    private static final class App implements ScAbc.Output {
        private final DeliveryLog<String> log;
        private final int site;

        App(DeliveryLog<String> log, int site) {
            this.log = log;
            this.site = site;
        }

        @Override
        public boolean reveal(StreamEntry.Data ordered, List<StreamEntry.Data> mine, byte[] cleartext) {
            if (log != null) {
                log.record(site, new String(cleartext, StandardCharsets.UTF_8));
            }
            return true;
        }

        @Override
        public void dropped(StreamEntry.Data mine) {
        }

        @Override
        public void terminated() {
        }
    }

    /** A run: every site runs SC-ABC and broadcasts {@code perSite} secrets; {@code lagging} is cut off until the others are far ahead. */
    private record Run(SimGroup g, Map<Integer, ScAbc> instances, DeliveryLog<String> log, List<String> secrets) {
    }

    private static Run start(long seed, int[] corrupted, int lagging, Abc.Settings settings, int perSite) {
        SimGroup g = new SimGroup(seed, N, corrupted);
        g.net.partition(new int[] {lagging});
        DeliveryLog<String> log = g.log();
        Map<Integer, ScAbc> instances = new HashMap<>();
        List<String> secrets = new ArrayList<>();
        for (int i = 0; i < N; i++) {
            int site = i;
            ScAbc scabc = new ScAbc(ID, KEYS.get(i), settings, 1 << 16, new App(g.isCorrupted(i) ? null : log, i));
            instances.put(i, scabc);
            g.sites.get(i).start(scabc);
            List<String> own = new ArrayList<>();
            for (int k = 0; k < perSite; k++) {
                own.add("secret " + i + "." + k);
            }
            if (!g.isCorrupted(i)) {
                secrets.addAll(own);
            }
            g.sites.get(i).onProtocolThread(() -> {
                for (int k = 0; k < own.size(); k++) {
                    byte[] c = KEYS.get(site).scAbcKey().encrypt(own.get(k).getBytes(StandardCharsets.UTF_8),
                            ScAbc.label(ID, GROUP), null);
                    scabc.broadcast(new StreamEntry.Data(site, k, c));
                }
            });
        }
        return new Run(g, instances, log, secrets);
    }

    /** Reconnects the lagging party and runs until every honest party revealed every honest secret; checks the order. */
    private static void healAndFinish(Run run, long seed) {
        run.g().net.heal();
        boolean done = run.g().runUntil(() -> run.g().honest().stream().allMatch(h -> run.log().count(h) >= run.secrets().size()));
        assertThat(done).as("every honest party reveals every honest secret, seed %d (revealed: %s)", seed,
                run.g().honest().stream().map(run.log()::count).toList()).isTrue();
        run.g().runToQuiescence();
        Integrity.noDuplicates(run.log());
        Validity.delivered(run.log(), run.secrets());
        Agreement.totality(run.log());
        TotalOrder.identical(run.log());
    }

    @Test
    void aPartyHeldEightRoundsBehindUnderLoadRevealsEverythingOnceBack() {
        Seeds.forEachCostly(2, seed -> {
            int lagging = (int) Math.floorMod(seed, N);
            Run run = start(seed, new int[0], lagging, Abc.Settings.DEFAULT, 6_000);
            List<Integer> others = run.instances().keySet().stream().filter(i -> i != lagging).toList();
            boolean ahead = run.g().runUntil(() -> others.stream().allMatch(i -> run.instances().get(i).revealed() == 18_000));
            assertThat(ahead).as("the others reveal their 18,000 while it is cut off, seed %d", seed).isTrue();
            assertThat(others.stream().mapToLong(i -> run.instances().get(i).atomicBroadcast().round()).min().orElseThrow())
                    .as("eight rounds and more ahead of it").isGreaterThanOrEqualTo(run.instances().get(lagging).atomicBroadcast().round() + 8);
            healAndFinish(run, seed);
        });
    }

    @Test
    void aPartyFurtherBehindThanTheRoundsAheadCatchesUpFromDecisionsAndRevealsEverything() {
        // Windows of 3 rounds and 24 decisions kept, as in ABC's catch-up tests; batches of 16.
        Abc.Settings settings = new Abc.Settings(16, 1 << 16, 3, 3, 64, 24, 32 << 20);
        Seeds.forEachCostly(4, seed -> {
            int lagging = (int) Math.floorMod(seed, N);
            Run run = start(seed, new int[0], lagging, settings, 320);
            List<Integer> others = run.instances().keySet().stream().filter(i -> i != lagging).toList();
            assertThat(run.g().runUntil(() -> others.stream().allMatch(i -> run.instances().get(i).revealed() == 960)))
                    .as("the others reveal their 960 while it is cut off, seed %d", seed).isTrue();
            long behind = others.stream().mapToLong(i -> run.instances().get(i).atomicBroadcast().round()).min().orElseThrow()
                    - run.instances().get(lagging).atomicBroadcast().round();
            assertThat(behind).as("beyond the rounds ahead it accepts, within the decisions kept, seed %d", seed)
                    .isGreaterThan(2L * settings.roundsAhead() + 1).isLessThan(settings.decisionsKept());
            healAndFinish(run, seed);
            assertThat(run.instances().get(lagging).atomicBroadcast().catchUpCounters().roundsAdopted())
                    .as("it caught up from answers, seed %d", seed).isPositive();
        });
    }

    @Test
    void aCorruptedPartyFloodingSharesForPositionsAheadStaysWithinItsQuotaAndDisplacesNoHonestShare() {
        Abc.Settings settings = Abc.Settings.DEFAULT.withMaxBatch(16);
        // One share per position catch-up can reach, at TDH2's size with room to spare.
        long quota = (settings.decisionsKept() + 1L) * N * settings.maxBatch() * 256;
        Seeds.forEachCostly(4, seed -> {
            int corrupted = (int) Math.floorMod(seed, N);
            int lagging = (corrupted + 1) % N;
            Run run = start(seed, new int[] {corrupted}, lagging, settings, 150);
            Flood flood = new Flood(corrupted, lagging, new SplittableRandom(seed));
            run.g().net.adversary(flood);
            List<Integer> others = run.g().honest().stream().filter(i -> i != lagging).toList();
            assertThat(run.g().runUntil(() -> others.stream().allMatch(i -> run.instances().get(i).revealed() == 450)))
                    .as("the others reveal their secrets and the corrupted party's, seed %d", seed).isTrue();
            long[] most = new long[1];
            ScAbc victim = run.instances().get(lagging);
            run.g().net.heal();
            run.g().runUntil(() -> {
                most[0] = Math.max(most[0], victim.earlyShareBytes(corrupted));
                return run.g().honest().stream().allMatch(h -> run.log().count(h) >= run.secrets().size());
            });
            assertThat(flood.injected).as("the flood went out, seed %d", seed).isPositive();
            assertThat(most[0]).as("bytes of the corrupted party's shares held at once, seed %d", seed).isLessThanOrEqualTo(quota);
            assertThat(victim.earlySharesDropped(corrupted)).as("its quota was full, seed %d", seed).isPositive();
            for (int h : others) {
                assertThat(victim.earlySharesDropped(h)).as("P%d's shares all kept, seed %d", h, seed).isZero();
            }
            healAndFinish(run, seed);
        });
    }

    /**
     * The corrupted party's flood: with its first message to the lagging party, decrypt messages
     * for every position up to twice the window catch-up allows ahead, with shares of a TDH2
     * share's size, of the largest size accepted, and larger.
     */
    private static final class Flood implements Adversary {
        private final int self;
        private final int victim;
        private final SplittableRandom random;
        int injected;

        Flood(int self, int victim, SplittableRandom random) {
            this.self = self;
            this.victim = victim;
            this.random = random;
        }

        @Override
        public Decision onMessage(org.maftia.testkit.net.Envelope message, SimulatedNetwork network) {
            if (message.from() != self || message.to() != victim || injected > 0) {
                return DELIVER;
            }
            int[] sizes = {TransparentCryptosystem.SHARE_BYTES, 1024, 4096};
            for (long k = 0; k < 2 * 65 * N * 16; k++) {
                byte[] junk = new byte[sizes[(int) (k % sizes.length)]];
                random.nextBytes(junk);
                GroupMessageEvent e = new GroupMessageEvent();
                new Envelope(ID, MessageTypes.SCABC_DECRYPT, new DecryptMessage(k, junk).body()).writeTo(e.getMessage());
                e.dest = SiteId.of(victim);
                network.inject(self, victim, e);
                injected++;
            }
            return DELIVER;
        }
    }
}
