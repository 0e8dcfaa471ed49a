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
import java.util.function.Consumer;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.maftia.group.AtomicStream;
import org.maftia.group.StreamOptions;
import org.maftia.group.abc.AbcMessages.Queue;
import org.maftia.group.core.Envelope;
import org.maftia.group.core.GroupKeys;
import org.maftia.group.core.GroupMessageEvent;
import org.maftia.group.core.MalformedMessageException;
import org.maftia.group.core.MessageTypes;
import org.maftia.group.sim.SimGroup;
import org.maftia.group.stream.StreamEntry;
import org.maftia.testkit.adversary.Adversaries;
import org.maftia.testkit.property.Agreement;
import org.maftia.testkit.property.DeliveryLog;
import org.maftia.testkit.property.Integrity;
import org.maftia.testkit.property.TotalOrder;
import org.maftia.testkit.property.Validity;
import org.maftia.testkit.sim.Seeds;

/**
 * Protocol 7's d is a set of payloads (spec 5.2.1.6, "m ∉ d"): t corrupted parties run the
 * protocol and re-broadcast every honest payload they see, under fresh numbers in their own names
 * and in the honest sender's, once when it passes in a queue message (racing the original) and
 * again once it is delivered (a replay). Every honest party still delivers each payload once, all
 * of them, in one order. An honest party that broadcasts one of its payloads again, while it is
 * queued and after it was delivered, gets every one of its broadcasts handed back exactly once,
 * with the delivery of the payload or at once (so a stream's sender never waits for it).
 */
class AbcDuplicatesSimulationTest {

    private static final String ID = "abc-duplicates";
    private static final int PER_SITE = 6;
    private static final Map<Integer, List<GroupKeys>> KEYS = new HashMap<>();

    private static synchronized List<GroupKeys> keys(int n) {
        return KEYS.computeIfAbsent(n, k -> GroupKeys.dealInProcess(k, (k - 1) / 3, new SecureRandom()));
    }

    /** The application at one honest site: the payloads in the order delivered, and its own broadcasts handed back. */
    private static final class App implements Abc.Output {
        private final DeliveryLog<String> log;
        private final int site;
        /** The numbers of this site's broadcasts handed back, in that order. */
        final List<Long> handedBack = new ArrayList<>();

        App(DeliveryLog<String> log, int site) {
            this.log = log;
            this.site = site;
        }

        @Override
        public boolean deliver(StreamEntry.Data entry, List<StreamEntry.Data> mine) {
            String payload = text(entry);
            log.record(site, payload);
            for (StreamEntry.Data m : mine) {
                assertThat(text(m)).as("a broadcast handed back with its payload").isEqualTo(payload);
                handedBack.add(m.seq());
            }
            return true;
        }

        @Override
        public void dropped(StreamEntry.Data mine) {
            assertThat(log.at(site)).as("only a payload delivered already is dropped").contains(text(mine));
            handedBack.add(mine.seq());
        }

        @Override
        public void terminated() {
        }
    }

    /**
     * A corrupted party: its instance re-broadcasts each honest payload it sees in a queue message
     * under two fresh entries (its own name, the sender's name with another number), and each one
     * delivered to it once more in its own name.
     */
    private static final class Copier implements Abc.Output {
        final int self;
        final Set<String> honest;
        final Set<String> copied = new HashSet<>();
        final Set<String> replayed = new HashSet<>();
        /** Runs an action on the corrupted site's protocol thread, after the current one. */
        final Consumer<Runnable> later;
        Abc abc;
        long next = 1_000_000;

        Copier(int self, Set<String> honest, Consumer<Runnable> later) {
            this.self = self;
            this.honest = honest;
            this.later = later;
        }

        /** A queue message passed on the network: copy the honest payloads of its batch. */
        void seen(Queue m, int n) {
            for (byte[] encoded : AbcMessages.decodeBatch(m.batch(), Integer.MAX_VALUE)) {
                try {
                    if (StreamEntry.decode(encoded, n) instanceof StreamEntry.Data d && honest.contains(text(d))
                            && copied.add(text(d))) {
                        abc.broadcast(new StreamEntry.Data(self, next++, d.payload()));
                        abc.broadcast(new StreamEntry.Data(d.origin(), d.seq() + 1_000, d.payload()));
                    }
                } catch (MalformedMessageException e) {
                    // not an entry: nothing to copy
                }
            }
        }

        @Override
        public boolean deliver(StreamEntry.Data entry, List<StreamEntry.Data> mine) {
            if (honest.contains(text(entry)) && replayed.add(text(entry))) {
                later.accept(() -> abc.broadcast(new StreamEntry.Data(self, next++, entry.payload())));
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

    private static String text(StreamEntry.Data d) {
        return new String(d.payload(), StandardCharsets.UTF_8);
    }

    private static String payload(int site, int k) {
        return "P" + site + "." + k;
    }

    @ParameterizedTest
    @ValueSource(ints = {4, 7})
    void honestPayloadsCopiedAndReplayedByCorruptedPartiesAreDeliveredOnce(int n) {
        Seeds.forEachCostly(n == 4 ? 20 : 5, seed -> {
            int t = (n - 1) / 3;
            int[] corrupted = new int[t];
            for (int k = 0; k < t; k++) {
                corrupted[k] = (int) Math.floorMod(seed + k, n);
            }
            SimGroup g = new SimGroup(seed, n, corrupted);
            DeliveryLog<String> log = g.log();
            Set<String> honestPayloads = new HashSet<>();
            for (int h : g.honest()) {
                for (int k = 0; k < PER_SITE; k++) {
                    honestPayloads.add(payload(h, k));
                }
            }
            Abc.Settings settings = Abc.Settings.DEFAULT.withMaxBatch(4);
            Map<Integer, Copier> copiers = new HashMap<>();
            Map<Integer, App> apps = new HashMap<>();
            Map<Integer, Abc> instances = new HashMap<>();
            for (int i = 0; i < n; i++) {
                int site = i;
                if (g.isCorrupted(i)) {
                    Copier copier = new Copier(i, honestPayloads, action -> g.sites.get(site).onProtocolThread(action));
                    copier.abc = new Abc(ID, keys(n).get(i), settings, copier);
                    copiers.put(i, copier);
                    g.sites.get(i).start(copier.abc);
                    continue;
                }
                App app = new App(log, i);
                Abc abc = new Abc(ID, keys(n).get(i), settings, app);
                apps.put(i, app);
                instances.put(i, abc);
                g.sites.get(i).start(abc);
                g.sites.get(i).onProtocolThread(() -> {
                    for (int k = 0; k < PER_SITE; k++) {
                        abc.broadcast(new StreamEntry.Data(site, k, payload(site, k).getBytes(StandardCharsets.UTF_8)));
                    }
                    // Payload 0 again, while it is queued.
                    abc.broadcast(new StreamEntry.Data(site, PER_SITE, payload(site, 0).getBytes(StandardCharsets.UTF_8)));
                });
            }
            g.attack(List.of(Adversaries.observer(message -> {
                if (g.isCorrupted(message.from()) || !(message.event() instanceof GroupMessageEvent e)) {
                    return;
                }
                try {
                    Envelope envelope = Envelope.readFrom(e.getMessage());
                    if (envelope.type() == MessageTypes.ABC_QUEUE && envelope.protocolId().equals(ID)) {
                        Queue m = Queue.decode(envelope.body());
                        copiers.forEach((c, copier) -> g.sites.get(c).onProtocolThread(() -> copier.seen(m, n)));
                    }
                } catch (MalformedMessageException malformed) {
                    throw new AssertionError("an honest site sent a malformed message", malformed);
                }
            })));
            boolean done = g.runUntil(() -> g.honest().stream().allMatch(h -> new HashSet<>(log.at(h)).containsAll(honestPayloads)));
            assertThat(done).as("every honest party delivers every honest payload, seed %d", seed).isTrue();
            // Payload 1 again, once delivered.
            instances.forEach((h, abc) -> g.sites.get(h).onProtocolThread(
                    () -> abc.broadcast(new StreamEntry.Data(h, PER_SITE + 1, payload(h, 1).getBytes(StandardCharsets.UTF_8)))));
            g.runToQuiescence();
            List<Long> everyBroadcast = LongStream.rangeClosed(0, PER_SITE + 1).boxed().toList();
            apps.forEach((h, app) -> assertThat(app.handedBack).as("P%d's broadcasts handed back, once each, seed %d", h, seed)
                    .containsExactlyInAnyOrderElementsOf(everyBroadcast));
            copiers.values().forEach(c -> assertThat(c.copied).as("the corrupted party copied every honest payload, seed %d", seed)
                    .isEqualTo(honestPayloads));
            copiers.values().forEach(c -> assertThat(c.replayed).as("and replayed each after its delivery, seed %d", seed)
                    .isEqualTo(honestPayloads));
            Integrity.noDuplicates(log);
            Validity.delivered(log, honestPayloads);
            Agreement.totality(log);
            TotalOrder.identical(log);
        });
    }

    @Test
    void aStreamSendingAPayloadAgainReceivesItOnceAndIsNotLeftWaiting() throws InterruptedException {
        int n = 4;
        SimGroup g = new SimGroup(3, n);
        List<AtomicStream> streams = new ArrayList<>();
        List<List<String>> received = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            streams.add(new AtomicStream(g.site(i), "again", "sim", StreamOptions.DEFAULT.withWindow(2)));
            received.add(new ArrayList<>());
        }
        AtomicStream sender = streams.getFirst();
        byte[] p = "P".getBytes(StandardCharsets.UTF_8);
        sender.send(p);
        sender.send(p);
        assertThat(sender.canSend()).as("two in flight, the window").isFalse();
        runAndReceive(g, streams, received);
        sender.send(p);
        runAndReceive(g, streams, received);
        // Every send of P was handed back, so the window of two takes two more at once.
        sender.send("Q".getBytes(StandardCharsets.UTF_8));
        assertThat(sender.canSend()).as("nothing else in flight").isTrue();
        sender.send("R".getBytes(StandardCharsets.UTF_8));
        runAndReceive(g, streams, received);
        received.forEach(got -> assertThat(got).containsExactly("P", "Q", "R"));
    }

    private static void runAndReceive(SimGroup g, List<AtomicStream> streams, List<List<String>> received) throws InterruptedException {
        g.runToQuiescence();
        for (int i = 0; i < streams.size(); i++) {
            while (streams.get(i).canReceive()) {
                received.get(i).add(new String(streams.get(i).receive(), StandardCharsets.UTF_8));
            }
        }
        g.runToQuiescence();
    }
}
