package org.maftia.group.vcbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.maftia.group.ConsistentBroadcast;
import org.maftia.group.VerifiableConsistentBroadcast;
import org.maftia.group.core.GroupKeys;
import org.maftia.group.sim.SimGroup;

/** The spec 3.2 API of (verifiable) consistent broadcast over the simulated group. */
class VcbcApiTest {

    private static final byte[] PAYLOAD = "hello group".getBytes(StandardCharsets.UTF_8);

    @Test
    void everySiteReceivesAndTheClosingIsValidAnywhere() throws InterruptedException {
        int n = 4;
        SimGroup g = new SimGroup(7, n);
        List<GroupKeys> keys = GroupKeys.dealInProcess(n, 1, new SecureRandom());
        List<VerifiableConsistentBroadcast> b = new ArrayList<>();
        List<ConsistentBroadcast> plain = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            b.add(new VerifiableConsistentBroadcast(g.sites.get(i), "vcbc-api", "sim", 2, keys.get(i)));
            plain.add(new ConsistentBroadcast(g.sites.get(i), "cbc-api", "sim", 1, keys.get(i)));
        }
        assertThatThrownBy(() -> b.get(0).getClosing()).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> b.get(0).send(PAYLOAD)).isInstanceOf(IllegalStateException.class);
        b.get(2).send(PAYLOAD);
        plain.get(1).send(PAYLOAD);
        g.runToQuiescence();
        for (int i = 0; i < n; i++) {
            assertThat(b.get(i).canReceive()).isTrue();
            assertThat(b.get(i).receive()).isEqualTo(PAYLOAD);
            assertThat(plain.get(i).receive()).isEqualTo(PAYLOAD);
            byte[] c = b.get(i).getClosing();
            assertThat(VerifiableConsistentBroadcast.isValidClosing(keys.get(0).vcbcKey(), "sim", "vcbc-api", 2, c)).isTrue();
            assertThat(VerifiableConsistentBroadcast.isValidClosing(keys.get(0).vcbcKey(), "sim", "vcbc-api", 1, c)).isFalse();
            assertThat(VerifiableConsistentBroadcast.getPayloadFromClosing(c)).isEqualTo(PAYLOAD);
        }
        byte[] tampered = b.get(0).getClosing();
        tampered[4] ^= 1;
        assertThatThrownBy(() -> b.get(1).deliverClosing(tampered)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void keysOfAnotherSiteOrSchemeAreRefused() {
        SimGroup g = new SimGroup(1, 4);
        List<GroupKeys> keys = GroupKeys.dealInProcess(4, 1, new SecureRandom());
        assertThatThrownBy(() -> new ConsistentBroadcast(g.sites.get(0), "x", "sim", 0, keys.get(1)))
                .isInstanceOf(IllegalArgumentException.class);
        List<GroupKeys> seven = GroupKeys.dealInProcess(7, 2, new SecureRandom());
        assertThatThrownBy(() -> new VerifiableConsistentBroadcast(g.sites.get(0), "y", "sim", 0, seven.get(0)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
