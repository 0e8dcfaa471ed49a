package org.maftia.testkit.adversary;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.maftia.testkit.adversary.Wire.Received;

class MutateTest {

    private static final byte[] PAYLOAD = "a decryption share, say, of site 3".getBytes(StandardCharsets.UTF_8);

    @Test
    void everyCopyToAnotherSiteArrivesWithOneToThreeBytesChanged() {
        Wire w = new Wire(7, 4, 3);
        Mutate mutate = new Mutate(w.sim.random().split(), 1.0, 3);
        w.net.adversary(mutate);
        w.send(3, org.maftia.net.transport.SiteAddress.ALL, PAYLOAD);
        w.broadcast(0, "honest");
        w.run();

        assertThat(mutate.mutated()).isEqualTo(3);
        for (Received r : w.received.stream().filter(r -> r.from() == 3).toList()) {
            int changed = 0;
            for (int k = 0; k < PAYLOAD.length; k++) {
                changed += r.bytes()[k] == PAYLOAD[k] ? 0 : 1;
            }
            assertThat(r.bytes()).hasSameSizeAs(PAYLOAD);
            if (r.to() == 3) {
                assertThat(changed).as("its own copy is left alone").isZero();
            } else {
                assertThat(changed).as("bytes changed in the copy to site %d", r.to()).isBetween(1, Mutate.MAX_FLIPS);
            }
        }
        assertThat(w.textsFrom(3)).hasSize(4);
        assertThat(w.textsFrom(0)).hasSize(4).containsOnly("honest");
    }

    @Test
    void withProbabilityZeroNothingChanges() {
        Wire w = new Wire(8, 4, 3);
        w.net.adversary(new Mutate(w.sim.random().split(), 0.0, 3));
        w.broadcast(3, "unchanged");
        w.run();
        assertThat(w.textsFrom(3)).hasSize(4).containsOnly("unchanged");
    }
}
