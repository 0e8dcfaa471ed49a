package org.maftia.group.scabc;

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
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.maftia.appia.message.Message;
import org.maftia.group.Site;
import org.maftia.group.SecureAtomicStream;
import org.maftia.group.abc.Abc;
import org.maftia.group.core.Envelope;
import org.maftia.group.core.GroupKeys;
import org.maftia.group.core.GroupMessageEvent;
import org.maftia.group.core.MalformedMessageException;
import org.maftia.group.core.MessageTypes;
import org.maftia.group.sim.RawInstance;
import org.maftia.group.sim.NetworkAttack;
import org.maftia.group.sim.SimGroup;
import org.maftia.group.stream.StreamEntry;
import org.maftia.testkit.adversary.Adversaries;
import org.maftia.testkit.net.Adversary;
import org.maftia.testkit.property.Agreement;
import org.maftia.testkit.property.CausalSecrecy;
import org.maftia.testkit.property.DeliveryLog;
import org.maftia.testkit.property.Integrity;
import org.maftia.testkit.property.Termination;
import org.maftia.testkit.property.TotalOrder;
import org.maftia.testkit.property.Validity;
import org.maftia.testkit.sim.Seeds;

/**
 * Protocol 8 in the simulation, over seeds, with a corrupted site that runs one of the network
 * attacks (over the protocol, broadcasting secrets of its own, where the attack needs it) or sends
 * invalid and far-ahead decryption shares. Checks, with the testkit's checkers, total order and
 * agreement of the cleartexts, validity (every honest secret is revealed), integrity (no
 * cleartext twice, and only what some party encrypted), termination, that invalid shares and
 * foreign ciphertexts are refused, and causal secrecy: no honest party lets a decryption share
 * for a position reach the network, nor reveals its cleartext, before it ordered that position.
 */
class ScAbcSimulationTest {

    private static final String ID = "scabc";
    private static final int N = 4;
    private static final int SECRETS = 3;
    private static final List<GroupKeys> KEYS = GroupKeys.dealInProcess(N, 1, new SecureRandom());

    /** A revealed cleartext with the origin and number its entry named. */
    record Revealed(int origin, long seq, String cleartext) {
    }

    /** The application at one honest site: logs cleartexts and, for causal secrecy, their positions. */
    static final class App implements ScAbc.Output {
        private final int site;
        private final DeliveryLog<Revealed> log;
        private final CausalSecrecy secrecy;
        /** The instance at this site, whose ordering a reveal is checked against. */
        ScAbc instance;
        boolean terminated;

        App(int site, DeliveryLog<Revealed> log, CausalSecrecy secrecy) {
            this.site = site;
            this.log = log;
            this.secrecy = secrecy;
        }

        @Override
        public boolean reveal(StreamEntry.Data ordered, List<StreamEntry.Data> mine, byte[] cleartext) {
            // Cleartexts come in A's order, one per position: the k-th revealed is position k.
            secrecy.orderedUpTo(site, instance.ordered());
            secrecy.revealed(site, log.count(site));
            log.record(site, new Revealed(ordered.origin(), ordered.seq(), new String(cleartext, StandardCharsets.UTF_8)));
            return true;
        }

        @Override
        public void dropped(StreamEntry.Data mine) {
        }

        @Override
        public void terminated() {
            terminated = true;
        }
    }

    /** What a corrupted site's instance reveals: nothing the properties speak of. */
    private static final ScAbc.Output IGNORED = new ScAbc.Output() {
        @Override
        public boolean reveal(StreamEntry.Data ordered, List<StreamEntry.Data> mine, byte[] cleartext) {
            return true;
        }

        @Override
        public void dropped(StreamEntry.Data mine) {
        }

        @Override
        public void terminated() {
        }
    };

    /** Party {@code site}'s secrets, as it broadcasts them when it runs the protocol. */
    private static List<Revealed> secretsOf(int site) {
        List<Revealed> secrets = new ArrayList<>();
        for (int k = 0; k < SECRETS; k++) {
            secrets.add(new Revealed(site, k, "secret " + site + "." + k));
        }
        return secrets;
    }

    /** Site {@code site} broadcasts its secrets encrypted for this stream, then, if honest, a ciphertext of another stream. */
    private static void broadcastSecrets(ScAbc scabc, int site, boolean withForeign) {
        for (Revealed r : secretsOf(site)) {
            byte[] c = SecureAtomicStream.encrypt(ID, "sim", KEYS.get(site).scAbcKey(), r.cleartext().getBytes(StandardCharsets.UTF_8));
            scabc.broadcast(new StreamEntry.Data(site, r.seq(), c));
        }
        if (withForeign) {
            byte[] foreign = SecureAtomicStream.encrypt("another stream", "sim", KEYS.get(site).scAbcKey(), new byte[] {1});
            scabc.broadcast(new StreamEntry.Data(site, SECRETS, foreign));
        }
    }

    /** One run; the corrupted site runs {@code attack}, or, when it is null, a {@link ShareLiar}. */
    private void run(long seed, NetworkAttack attack) {
        int corrupted = (int) Math.floorMod(seed, N);
        SimGroup g = new SimGroup(seed, N, corrupted);
        DeliveryLog<Revealed> log = g.log();
        CausalSecrecy secrecy = new CausalSecrecy(g.honest());
        Map<Integer, ScAbc> instances = new HashMap<>();
        Map<Integer, App> apps = new HashMap<>();
        Map<Integer, List<Revealed>> sentBy = new HashMap<>();
        List<Adversary> attacks = new ArrayList<>();
        // What the adversary sees leave an honest site: its decryption shares, named by position.
        attacks.add(Adversaries.observer(message -> {
            if (!g.isCorrupted(message.from()) && message.event() instanceof GroupMessageEvent e) {
                recordShare(e.getMessage(), message.from(), instances.get(message.from()), secrecy);
            }
        }));
        for (int i = 0; i < N; i++) {
            int site = i;
            sentBy.put(i, List.of());
            if (i == corrupted) {
                if (attack == null) {
                    g.sites.get(i).start(new ShareLiar(seed));
                    continue;
                }
                attacks.addAll(attack.at(g, i));
                if (attack.runsProtocol()) {
                    // The protocol itself, with secrets of its own, whose messages the attack silences, alters or misdirects.
                    ScAbc scabc = new ScAbc(ID, KEYS.get(i), Abc.Settings.DEFAULT.withMaxBatch(4), 64, IGNORED);
                    g.sites.get(i).start(scabc);
                    g.sites.get(i).onProtocolThread(() -> broadcastSecrets(scabc, site, false));
                    sentBy.put(i, secretsOf(i));
                }
                continue;
            }
            App app = new App(i, log, secrecy);
            ScAbc scabc = new ScAbc(ID, KEYS.get(i), Abc.Settings.DEFAULT.withMaxBatch(4), 64, app);
            app.instance = scabc;
            apps.put(i, app);
            instances.put(i, scabc);
            sentBy.put(i, secretsOf(i));
            g.sites.get(i).start(scabc);
            g.sites.get(i).onProtocolThread(() -> broadcastSecrets(scabc, site, true));
        }
        g.attack(attacks);
        List<Revealed> honestSecrets = g.honest().stream().flatMap(h -> secretsOf(h).stream()).toList();
        g.runUntil(() -> g.honest().stream().allMatch(h -> log.count(h) >= honestSecrets.size() && log.at(h).containsAll(honestSecrets)));
        g.runToQuiescence();
        Termination.delivered(log, honestSecrets.size());
        Validity.delivered(log, honestSecrets);
        Agreement.totality(log);
        TotalOrder.identical(log);
        Integrity.noDuplicates(log);
        // Entries do not authenticate their origin; here only the sites that encrypted secrets broadcast any.
        Integrity.onlySent(log, Revealed::origin, sentBy);
        for (int h : apps.keySet()) {
            assertThat(instances.get(h).skipped()).as("ciphertexts of another stream skipped at site %d", h).isEqualTo(3);
            if (attack == null) {
                assertThat(instances.get(h).refusedShares() + g.sites.get(h).session().counters().rejectedByProtocol())
                        .as("invalid shares refused at site %d", h).isPositive();
            }
        }
        assertThat(secrecy.recorded()).as("orderings, shares and reveals recorded").isPositive();
        secrecy.check();
    }

    /** Records, for causal secrecy, a decryption share leaving honest {@code site}, and how far it had ordered then. */
    private static void recordShare(Message m, int site, ScAbc sender, CausalSecrecy secrecy) {
        Envelope envelope;
        try {
            envelope = Envelope.readFrom(m);
        } catch (MalformedMessageException e) {
            return;
        }
        if (envelope.type() == MessageTypes.SCABC_DECRYPT && envelope.protocolId().equals(ID)) {
            secrecy.orderedUpTo(site, sender.ordered());
            try {
                secrecy.shareReleased(site, DecryptMessage.decode(envelope.type(), envelope.body()).position());
            } catch (MalformedMessageException e) {
                throw new AssertionError("honest site " + site + " sent a malformed decrypt message", e);
            }
        }
    }

    @Test
    void cleartextsAreRevealedInTheSameOrderAndOnlyAfterOrdering() {
        NetworkAttack[] attacks = NetworkAttack.values();
        Seeds.forEachCostly(15, seed -> run(seed, attacks[(int) Math.floorMod(seed, attacks.length)]));
    }

    @Test
    void invalidSharesAreRefusedAndChangeNothing() {
        Seeds.forEachCostly(15, seed -> run(seed, null));
    }

    @Test
    void ciphertextsReplayedUnderFreshNumbersAreRevealedOnce() {
        Seeds.forEachCostly(10, seed -> {
            int corrupted = (int) Math.floorMod(seed, N);
            SimGroup g = new SimGroup(seed, N, corrupted);
            DeliveryLog<Revealed> log = g.log();
            CausalSecrecy secrecy = new CausalSecrecy(g.honest());
            Map<Integer, App> apps = new HashMap<>();
            for (int i = 0; i < N; i++) {
                int site = i;
                if (i == corrupted) {
                    Replayer replayer = new Replayer(i, action -> g.sites.get(site).onProtocolThread(action));
                    replayer.scabc = new ScAbc(ID, KEYS.get(i), Abc.Settings.DEFAULT.withMaxBatch(4), 64, replayer);
                    g.sites.get(i).start(replayer.scabc);
                    continue;
                }
                App app = new App(i, log, secrecy);
                ScAbc scabc = new ScAbc(ID, KEYS.get(i), Abc.Settings.DEFAULT.withMaxBatch(4), 64, app);
                app.instance = scabc;
                apps.put(i, app);
                g.sites.get(i).start(scabc);
                g.sites.get(i).onProtocolThread(() -> broadcastSecrets(scabc, site, false));
            }
            List<Revealed> honestSecrets = g.honest().stream().flatMap(h -> secretsOf(h).stream()).toList();
            boolean done = g.runUntil(() -> g.honest().stream().allMatch(h -> log.at(h).containsAll(honestSecrets)));
            assertThat(done).as("every honest secret revealed, seed %d", seed).isTrue();
            g.runToQuiescence();
            DeliveryLog<String> cleartexts = log.map(Revealed::cleartext);
            Integrity.noDuplicates(cleartexts);
            Validity.delivered(cleartexts, honestSecrets.stream().map(Revealed::cleartext).toList());
            Agreement.totality(cleartexts);
            TotalOrder.identical(cleartexts);
        });
    }

    /** A corrupted party running Protocol 8 that broadcasts each ciphertext it sees revealed again, under two fresh numbers. */
    private static final class Replayer implements ScAbc.Output {
        private final int self;
        private final Consumer<Runnable> later;
        private final Set<String> replayed = new HashSet<>();
        ScAbc scabc;
        private long next = 1_000_000;

        Replayer(int self, Consumer<Runnable> later) {
            this.self = self;
            this.later = later;
        }

        @Override
        public boolean reveal(StreamEntry.Data ordered, List<StreamEntry.Data> mine, byte[] cleartext) {
            if (replayed.add(new String(cleartext, StandardCharsets.UTF_8))) {
                later.accept(() -> {
                    scabc.broadcast(new StreamEntry.Data(self, next++, ordered.payload()));
                    scabc.broadcast(new StreamEntry.Data(ordered.origin(), ordered.seq() + 1_000, ordered.payload()));
                });
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

    @Test
    void theSecureStreamRefusesPayloadsThatAreNotItsCiphertexts() {
        SimGroup g = new SimGroup(1, 4);
        Site site = g.site(0);
        SecureAtomicStream s = new SecureAtomicStream(site, ID, "sim");
        byte[] foreign = SecureAtomicStream.encrypt("other", "sim", site.keys().decryptor().publicKey(), new byte[] {1});
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> s.send(foreign))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("encrypt");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> s.send(new byte[] {1, 2, 3}))
                .isInstanceOf(IllegalArgumentException.class);
    }

    /** Sends random decryption shares for every position it hears of, and for positions far ahead. */
    private static final class ShareLiar extends RawInstance {
        private final SplittableRandom random;

        ShareLiar(long seed) {
            super(ID);
            random = new SplittableRandom(seed);
        }

        @Override
        protected void onMessage(int from, int type, byte[] body) throws MalformedMessageException {
            if (from == ctx.self() || type != MessageTypes.SCABC_DECRYPT || random.nextInt(2) == 0) {
                return;
            }
            long k = DecryptMessage.decode(type, body).position();
            byte[] junk = new byte[64];
            random.nextBytes(junk);
            ctx.sendAll(new DecryptMessage(k, junk));
            ctx.sendAll(new DecryptMessage(k + (1L << 40), junk));
        }
    }
}
