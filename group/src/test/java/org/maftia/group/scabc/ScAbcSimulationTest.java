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
import org.maftia.appia.message.Message;
import org.maftia.group.GroupSite;
import org.maftia.group.SecureAtomicStream;
import org.maftia.group.abc.Abc;
import org.maftia.group.core.Envelope;
import org.maftia.group.core.GroupKeys;
import org.maftia.group.core.GroupMessageEvent;
import org.maftia.group.core.MalformedMessageException;
import org.maftia.group.core.MessageTypes;
import org.maftia.group.core.ProtocolInstance;
import org.maftia.group.sim.Byzantine;
import org.maftia.group.sim.SimGroup;
import org.maftia.group.stream.StreamEntry;
import org.maftia.testkit.net.Adversary;
import org.maftia.testkit.sim.Seeds;

/**
 * Protocol 8 in the simulation, over seeds, with a corrupted site that is silent or sends invalid
 * and far-ahead decryption shares and ciphertexts of another stream. Checks total order of the
 * cleartexts, validity, that invalid shares and foreign ciphertexts are refused, and causal
 * secrecy: the network adversary, which sees every message, never sees an honest party's
 * decryption share for a position that party has not ordered yet.
 */
class ScAbcSimulationTest {

    private static final String ID = "scabc";
    private static final List<GroupKeys> KEYS = GroupKeys.dealInProcess(4, 1, new SecureRandom());

    static final class App implements ScAbc.Output {
        final List<String> revealed = new ArrayList<>();
        boolean terminated;

        @Override
        public boolean reveal(StreamEntry.Data ordered, byte[] cleartext) {
            revealed.add(new String(cleartext, StandardCharsets.UTF_8));
            return true;
        }

        @Override
        public void terminated() {
            terminated = true;
        }
    }

    private void run(long seed, boolean liar) {
        int corrupted = (int) Math.floorMod(seed, 4);
        SimGroup g = new SimGroup(seed, 4, corrupted);
        Map<Integer, ScAbc> instances = new HashMap<>();
        Map<Integer, App> apps = new HashMap<>();
        List<String> leaks = new ArrayList<>();
        g.net.adversary((message, network) -> {
            if (!g.isCorrupted(message.from()) && message.event() instanceof GroupMessageEvent e) {
                checkSecrecy(e.getMessage(), instances.get(message.from()), leaks);
            }
            return Adversary.DELIVER;
        });
        for (int i = 0; i < 4; i++) {
            int site = i;
            if (i == corrupted) {
                g.sites.get(i).start(liar ? new ShareLiar(seed) : Byzantine.silent(ID));
                continue;
            }
            App app = new App();
            ScAbc scabc = new ScAbc(ID, KEYS.get(i), Abc.Settings.DEFAULT.withMaxBatch(4), 64, app);
            apps.put(i, app);
            instances.put(i, scabc);
            g.sites.get(i).start(scabc);
            g.sites.get(i).onProtocolThread(() -> {
                for (int k = 0; k < 3; k++) {
                    byte[] c = SecureAtomicStream.encrypt(ID, "sim", KEYS.get(site).scAbcKey(),
                            ("secret " + site + "." + k).getBytes(StandardCharsets.UTF_8));
                    scabc.broadcast(new StreamEntry.Data(site, k, c));
                }
                byte[] foreign = SecureAtomicStream.encrypt("another stream", "sim", KEYS.get(site).scAbcKey(),
                        new byte[] {1});
                scabc.broadcast(new StreamEntry.Data(site, 3, foreign));
            });
        }
        assertThat(g.runUntil(() -> apps.values().stream().allMatch(a -> a.revealed.size() == 9)))
                .as("termination, seed %d", seed).isTrue();
        g.runToQuiescence();
        List<String> reference = apps.values().iterator().next().revealed;
        apps.forEach((site, app) -> assertThat(app.revealed).as("total order at site %d", site).isEqualTo(reference));
        for (int h : apps.keySet()) {
            for (int k = 0; k < 3; k++) {
                assertThat(reference).as("validity").contains("secret " + h + "." + k);
            }
            assertThat(instances.get(h).skipped()).as("ciphertexts of another stream skipped").isEqualTo(3);
            if (liar) {
                assertThat(instances.get(h).refusedShares() + g.sites.get(h).session().counters().rejectedByProtocol())
                        .as("invalid shares refused").isPositive();
            }
        }
        assertThat(leaks).as("causal secrecy").isEmpty();
    }

    /** A decrypt message of an honest site must name a position the site has already ordered. */
    private static void checkSecrecy(Message m, ScAbc sender, List<String> leaks) {
        Envelope envelope;
        try {
            envelope = Envelope.readFrom(m);
        } catch (MalformedMessageException e) {
            return;
        }
        if (envelope.type() == MessageTypes.SCABC_DECRYPT && envelope.protocolId().equals(ID)) {
            long k = java.nio.ByteBuffer.wrap(envelope.body()).getLong();
            if (k >= sender.ordered()) {
                leaks.add("share for position " + k + " sent with only " + sender.ordered() + " ordered");
            }
        }
    }

    @Test
    void cleartextsAreRevealedInTheSameOrderAndOnlyAfterOrdering() {
        Seeds.forEachCostly(15, seed -> run(seed, false));
    }

    @Test
    void invalidSharesAreRefusedAndChangeNothing() {
        Seeds.forEachCostly(15, seed -> run(seed, true));
    }

    @Test
    void theSecureStreamRefusesPayloadsThatAreNotItsCiphertexts() {
        SimGroup g = new SimGroup(1, 4);
        GroupSite site = g.sites.get(0);
        SecureAtomicStream s = new SecureAtomicStream(site, ID, "sim", KEYS.get(0));
        byte[] foreign = SecureAtomicStream.encrypt("other", "sim", KEYS.get(0).scAbcKey(), new byte[] {1});
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> s.send(foreign))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("encrypt");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> s.send(new byte[] {1, 2, 3}))
                .isInstanceOf(IllegalArgumentException.class);
    }

    /** Sends random decryption shares for every position it hears of, and for positions far ahead. */
    private static final class ShareLiar extends ProtocolInstance {
        private final SplittableRandom random;

        ShareLiar(long seed) {
            super(ID);
            random = new SplittableRandom(seed);
        }

        @Override
        protected void onMessage(int from, int type, byte[] body) {
            if (from == ctx.self() || type != MessageTypes.SCABC_DECRYPT || random.nextInt(2) == 0) {
                return;
            }
            long k = java.nio.ByteBuffer.wrap(body).getLong();
            byte[] junk = new byte[64];
            random.nextBytes(junk);
            ctx.sendAll(MessageTypes.SCABC_DECRYPT, new DecryptMessage(k, junk).body());
            ctx.sendAll(MessageTypes.SCABC_DECRYPT, new DecryptMessage(k + ScAbc.SHARE_HORIZON * 2L, junk).body());
        }
    }
}
