package org.maftia.testkit.adversary;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.maftia.testkit.adversary.Wire.Received;

class GarbageFloodTest {

    /** Real messages all of one length, so no junk made from one can equal another. */
    private static final String REAL = "real message number %02d";

    @Test
    void corruptedSitesSendJunkShapedLikeRealMessagesUpToTheBudgetAndHonestMessagesArriveIntact() {
        Wire w = new Wire(6, 4, 2, 3);
        GarbageFlood flood = new GarbageFlood(w.sim.random().split(), 1.0, 50, 2, 3);
        w.net.adversary(flood);
        w.broadcast(3, REAL.formatted(99));
        for (int k = 0; k < 20; k++) {
            w.broadcast(k % 2, REAL.formatted(k));
        }
        w.run();

        assertThat(flood.sent()).isEqualTo(50);
        for (int honest : new int[] {0, 1}) {
            assertThat(w.textsFrom(honest)).hasSize(10 * 4).allMatch(t -> t.startsWith("real message number"));
        }
        List<Received> junk = w.received.stream()
                .filter(r -> r.from() >= 2 && !r.text().equals(REAL.formatted(99))).toList();
        assertThat(junk).hasSize(50).allSatisfy(r -> assertThat(r.to()).isNotEqualTo(r.from()));
        assertThat(junk).extracting(Received::from).contains(2, 3);
        byte[] header = "real".getBytes();
        assertThat(junk).as("junk that keeps a real message's start")
                .filteredOn(r -> r.bytes().length >= 4 && Arrays.equals(r.bytes(), 0, 4, header, 0, 4)).hasSizeGreaterThan(10);
        assertThat(junk).as("junk that is not a real message")
                .noneMatch(r -> r.text().matches("real message number \\d\\d"));
    }
}
