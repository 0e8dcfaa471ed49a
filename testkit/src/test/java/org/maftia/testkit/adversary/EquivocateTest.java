package org.maftia.testkit.adversary;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.maftia.testkit.adversary.Wire.Received;

class EquivocateTest {

    @Test
    void halfTheSitesGetTheMessageAndTheOtherHalfAllGetTheSameOtherVersion() {
        Wire w = new Wire(9, 6, 5);
        Equivocate equivocate = new Equivocate(w.sim.random().split(), Equivocate.Variant.flipBytes(), 5);
        w.net.adversary(equivocate);
        w.broadcast(5, "the one true value");
        w.broadcast(0, "honest");
        w.run();

        Map<String, Set<Integer>> versions = w.received.stream().filter(r -> r.from() == 5)
                .collect(Collectors.groupingBy(Received::text, Collectors.mapping(Received::to, Collectors.toSet())));
        assertThat(versions).hasSize(2);
        assertThat(versions.get("the one true value")).hasSize(3);
        assertThat(versions.values()).allSatisfy(sites -> assertThat(sites).hasSize(3));
        assertThat(equivocate.equivocated()).isEqualTo(3);
        assertThat(w.textsFrom(0)).hasSize(6).containsOnly("honest");
    }

    @Test
    void aProtocolAwareVariantMakesTheOtherVersion() {
        Wire w = new Wire(10, 4, 3);
        w.net.adversary(new Equivocate(w.sim.random().split(),
                (original, random) -> "vote 1".getBytes(StandardCharsets.UTF_8), 3));
        w.broadcast(3, "vote 0");
        w.broadcast(3, "vote 0");
        w.run();
        Map<String, Set<Integer>> versions = w.received.stream().filter(r -> r.from() == 3)
                .collect(Collectors.groupingBy(Received::text, Collectors.mapping(Received::to, Collectors.toSet())));
        assertThat(versions.keySet()).containsExactlyInAnyOrder("vote 0", "vote 1");
        assertThat(versions.get("vote 0")).hasSize(2).doesNotContainAnyElementsOf(versions.get("vote 1"));
        assertThat(w.textsFrom(3)).as("each site its same version both times").hasSize(8);
    }
}
