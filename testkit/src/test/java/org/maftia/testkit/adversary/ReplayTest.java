package org.maftia.testkit.adversary;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.maftia.testkit.adversary.Wire.Received;

class ReplayTest {

    private static Wire run(long seed, int budget) {
        Wire w = new Wire(seed, 4, 3);
        Replay replay = new Replay(w.sim.random().split(), 1.0, budget, 3);
        w.net.adversary(replay);
        w.send(0, 3, "0 to 3");
        w.send(1, 3, "1 to 3");
        w.broadcast(3, "3 to all");
        for (int k = 0; k < 50; k++) {
            w.send(0, 1, "traffic " + k);
        }
        w.run();
        assertThat(replay.replayed()).isEqualTo(budget);
        return w;
    }

    @Test
    void aCorruptedSiteSendsItsOwnAndReceivedMessagesAgainInItsNameToAnyoneUpToTheBudget() {
        Wire w = run(4, 40);
        List<Received> from3 = w.received.stream().filter(r -> r.from() == 3).toList();
        assertThat(from3).hasSize(4 + 40);
        assertThat(from3).extracting(Received::text).containsOnly("3 to all", "0 to 3", "1 to 3");
        // Reflections: what 3 received, now sent by 3 to others; and its own message again.
        assertThat(from3).filteredOn(r -> r.text().equals("0 to 3")).extracting(Received::to).doesNotContain(3).isNotEmpty();
        assertThat(from3).filteredOn(r -> r.text().equals("3 to all")).hasSizeGreaterThan(4);
        assertThat(w.textsFrom(0)).hasSize(51);
        assertThat(w.textsFrom(1)).hasSize(1);
    }

    @Test
    void theSameSeedReplaysTheSameMessagesToTheSameSites() {
        assertThat(run(5, 12).received).usingRecursiveFieldByFieldElementComparator()
                .isEqualTo(run(5, 12).received);
    }
}
