package org.maftia.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.time.Duration;
import org.maftia.appia.time.SystemClock;
import org.maftia.net.probe.Reachability;
import org.junit.jupiter.api.Test;

class ReachabilityTest {

    private final Reachability reachability = new Reachability(new SystemClock());

    @Test
    void theLoopbackHostAnswers() {
        Reachability.Probe p = reachability.probe(InetAddress.getLoopbackAddress(), Duration.ofSeconds(2));
        assertThat(p.reachable()).as("loopback probe: %s", p).isTrue();
        assertThat(p.roundTrip()).isLessThan(Duration.ofSeconds(2));
    }

    @Test
    void aNonPositiveTimeoutIsRefused() {
        assertThatThrownBy(() -> reachability.probe(InetAddress.getLoopbackAddress(), Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("positive");
    }
}
