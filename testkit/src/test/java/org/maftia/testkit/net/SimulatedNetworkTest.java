package org.maftia.testkit.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.maftia.appia.Channel;
import org.maftia.appia.Event;
import org.maftia.appia.Layer;
import org.maftia.appia.QoS;
import org.maftia.appia.SendableEvent;
import org.maftia.appia.Session;
import org.maftia.net.transport.SiteAddress;
import org.maftia.net.transport.SiteId;
import org.maftia.net.transport.Transport;
import org.maftia.testkit.sim.SimSite;
import org.maftia.testkit.sim.Simulation;
import org.junit.jupiter.api.Test;

class SimulatedNetworkTest {

    static final class Note extends SendableEvent {
    }

    /** A delivery as the receiving app saw it. */
    record Seen(long atNanos, int from, int to, int payload) {
    }

    static final class Group {
        final Simulation sim;
        final SimulatedNetwork net;
        final List<Channel> channels = new ArrayList<>();
        final List<Session> apps = new ArrayList<>();
        final List<Seen> seen = new ArrayList<>();

        Group(long seed, int n) {
            sim = new Simulation(seed);
            net = new SimulatedNetwork(sim, n);
            for (int i = 0; i < n; i++) {
                SimSite site = sim.addSite("site-" + i);
                int me = i;
                Layer app = new Layer() {
                    {
                        evProvide = events(Note.class);
                        evAccept = events(Note.class);
                    }

                    @Override
                    public Session createSession() {
                        Session s = new Session(this) {
                            @Override
                            public void handle(Event event) {
                                SendableEvent e = (SendableEvent) event;
                                seen.add(new Seen(sim.nowNanos(), Transport.sender(e), ((SiteId) e.dest).id(),
                                        e.getMessage().peekInt()));
                            }
                        };
                        apps.add(s);
                        return s;
                    }
                };
                Channel c = new QoS("sim", new Layer[] {net.layerFor(me), app}).createUnboundChannel("sim", site.appia().getEventScheduler());
                channels.add(c);
                c.start();
            }
            sim.runUntilQuiet(10_000);
        }

        void send(int from, SiteAddress to, int payload) {
            Note note = new Note();
            note.getMessage().pushInt(payload);
            sim.sites().get(from).appia().execute(() -> Transport.send(apps.get(from), channels.get(from), note, to));
        }
    }

    private static List<Seen> exchange(long seed) {
        Group g = new Group(seed, 4);
        for (int round = 0; round < 5; round++) {
            for (int i = 0; i < 4; i++) {
                g.send(i, SiteAddress.ALL, round * 10 + i);
            }
        }
        g.sim.runUntilQuiet(1_000_000);
        return g.seen;
    }

    @Test
    void theSameSeedGivesTheSameDeliveriesInTheSameOrder() {
        List<Seen> a = exchange(11);
        assertThat(a).hasSize(4 * 4 * 5).isEqualTo(exchange(11));
        assertThat(a).isNotEqualTo(exchange(12));
    }

    @Test
    void messagesBetweenSitesAreReorderedButEachArrivesOnceWithItsSender() {
        List<Seen> seen = exchange(3);
        for (int to = 0; to < 4; to++) {
            int receiver = to;
            List<Integer> payloads = seen.stream().filter(s -> s.to() == receiver).map(Seen::payload).sorted().toList();
            assertThat(payloads).hasSize(20).doesNotHaveDuplicates();
        }
        assertThat(seen).allSatisfy(s -> assertThat(s.payload() % 10).isEqualTo(s.from()));
        List<Integer> order = seen.stream().filter(s -> s.to() == 1 && s.from() != 1).map(Seen::payload).toList();
        assertThat(order).isNotEqualTo(order.stream().sorted().toList());
    }

    @Test
    void aPartitionHoldsMessagesAcrossItUntilItHeals() {
        Group g = new Group(5, 4);
        g.net.partition(new int[] {0, 1});
        g.send(0, SiteId.of(1), 1);
        g.send(0, SiteId.of(2), 2);
        g.send(3, SiteId.of(2), 3);
        g.sim.runUntilQuiet(100_000);

        assertThat(g.seen).extracting(Seen::payload).containsExactlyInAnyOrder(1, 3);
        assertThat(g.net.stats().heldByPartition()).isEqualTo(1);

        g.net.heal();
        g.sim.runUntilQuiet(100_000);
        assertThat(g.seen).extracting(Seen::payload).containsExactlyInAnyOrder(1, 3, 2);
    }

    @Test
    void lossAndDuplicationHappenAtTheConfiguredRates() {
        Group g = new Group(9, 2);
        g.net.loss(0.3).duplication(0.2);
        for (int i = 0; i < 2_000; i++) {
            g.send(0, SiteId.of(1), i);
        }
        g.sim.runUntilQuiet(10_000_000);
        SimulatedNetwork.Stats s = g.net.stats();
        assertThat(s.lost()).isBetween(500L, 700L);
        assertThat(s.duplicated()).isBetween(200L, 360L);
        assertThat(g.seen).hasSize((int) (2_000 - s.lost() + s.duplicated()));
    }

    @Test
    void theAdversaryControlsCorruptedSitesAndOnlyDelaysHonestOnes() {
        Group g = new Group(21, 4);
        List<Envelope> observed = new ArrayList<>();
        g.net.corrupt(3).adversary((message, network) -> {
            observed.add(message);
            if (message.from() == 3) {
                return Adversary.DROP;
            }
            return message.to() == 2 ? new Adversary.Deliver(1_000_000_000L) : Adversary.DELIVER;
        });
        g.send(3, SiteAddress.ALL, 30);
        g.send(0, SiteId.of(2), 7);
        g.send(0, SiteId.of(1), 8);
        g.sim.runUntilQuiet(100_000);

        assertThat(observed).hasSize(6);
        assertThat(g.seen).extracting(Seen::payload).containsExactly(8, 7);
        assertThat(g.seen.get(1).atNanos()).isGreaterThanOrEqualTo(1_000_000_000L);
        assertThat(g.net.stats().droppedByAdversary()).isEqualTo(4);

        Note forged = new Note();
        forged.getMessage().pushInt(99);
        g.net.inject(3, 0, forged);
        g.sim.runUntilQuiet(100_000);
        assertThat(g.seen.getLast()).isEqualTo(new Seen(g.seen.getLast().atNanos(), 3, 0, 99));
        assertThatThrownBy(() -> g.net.inject(1, 0, new Note()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cannot send in its name");
    }

    @Test
    void droppingAnHonestSitesMessageIsRefused() {
        Group g = new Group(2, 4);
        g.net.adversary((message, network) -> Adversary.DROP);
        g.send(0, SiteId.of(1), 1);
        assertThatThrownBy(() -> g.sim.runUntilQuiet(1000))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("honest site 0");
    }
}
