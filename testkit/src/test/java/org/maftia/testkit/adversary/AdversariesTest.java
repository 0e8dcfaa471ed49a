package org.maftia.testkit.adversary;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.maftia.testkit.adversary.Wire.Received;
import org.maftia.testkit.net.Adversary;
import org.maftia.testkit.net.Envelope;

class AdversariesTest {

    @Test
    void partsSeeEveryMessageTheirDelaysAddAndAnyDropDrops() {
        Wire w = new Wire(13, 4, 3);
        List<Envelope> seen = new ArrayList<>();
        w.net.adversary(Adversaries.all(
                Adversaries.observer(seen::add),
                (m, n) -> new Adversary.Deliver(40_000_000),
                (m, n) -> new Adversary.Deliver(60_000_000),
                Crash.silent(3)));
        w.send(0, 1, "slow");
        w.send(3, 1, "dropped");
        w.run();

        assertThat(seen).extracting(Envelope::from).containsExactly(0, 3);
        assertThat(w.received).singleElement().satisfies(r -> {
            assertThat(r.text()).isEqualTo("slow");
            assertThat(r.atNanos()).isGreaterThanOrEqualTo(100_000_000);
        });
    }

    @Test
    void strategiesComposeOnOneSite() {
        Wire w = new Wire(14, 4, 3);
        Mutate mutate = new Mutate(w.sim.random().split(), 1.0, 3);
        Replay replay = new Replay(w.sim.random().split(), 1.0, 5, 3);
        w.net.adversary(Adversaries.all(mutate, replay));
        w.broadcast(3, "original");
        w.run();
        assertThat(mutate.mutated()).isEqualTo(3);
        // One replay per message passing (four), of what the replaying part saw: the original.
        assertThat(replay.replayed()).isEqualTo(4);
        List<String> from3 = w.received.stream().filter(r -> r.from() == 3).map(Received::text).toList();
        assertThat(from3).hasSize(4 + 4).filteredOn("original"::equals).hasSize(1 + 4);
    }

    private static List<String> everything(long seed) {
        Wire w = new Wire(seed, 7, 4, 5, 6);
        w.net.adversary(Adversaries.all(
                Crash.at(3_000_000, 6),
                new Replay(w.sim.random().split(), 0.3, 20, 4, 5),
                new GarbageFlood(w.sim.random().split(), 0.3, 20, 5),
                new Mutate(w.sim.random().split(), 0.5, 4),
                new Equivocate(w.sim.random().split(), Equivocate.Variant.flipBytes(), 5),
                new DelayHonestSite(w.sim.random().split(), 0, 20_000_000, 4, 5, 6)));
        for (int k = 0; k < 30; k++) {
            w.broadcast(k % 7, "message " + k);
        }
        w.run();
        return w.received.stream().map(r -> r.atNanos() + " " + r.from() + ">" + r.to() + " " + r.text()).toList();
    }

    @Test
    void everyStrategyTogetherGivesTheSameRunForTheSameSeedAndAnotherForAnother() {
        assertThat(everything(15)).isEqualTo(everything(15)).isNotEqualTo(everything(16));
    }
}
