package org.maftia.group.vcbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.maftia.crypto.ThresholdSignature;
import org.maftia.group.ConsistentBroadcast;
import org.maftia.group.KeyPurpose;
import org.maftia.group.Site;
import org.maftia.group.SiteKeys;
import org.maftia.group.VerifiableConsistentBroadcast;
import org.maftia.group.sim.SimGroup;

/** The spec 3.2 API of (verifiable) consistent broadcast over the simulated group. */
class VcbcApiTest {

    private static final byte[] PAYLOAD = "hello group".getBytes(StandardCharsets.UTF_8);

    @Test
    void everySiteReceivesAndTheClosingIsValidAnywhere() throws Exception {
        int n = 4;
        SimGroup g = new SimGroup(7, n);
        List<VerifiableConsistentBroadcast> b = new ArrayList<>();
        List<ConsistentBroadcast> plain = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            b.add(new VerifiableConsistentBroadcast(g.site(i), "vcbc-api", "sim", 2));
            plain.add(new ConsistentBroadcast(g.site(i), "cbc-api", "sim", 1));
        }
        ThresholdSignature key = g.site(0).keys().signer(KeyPurpose.VCBC).publicKey();
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
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
            assertThat(VerifiableConsistentBroadcast.isValidClosing(key, sha, "sim", "vcbc-api", 2, c, 0, c.length)).isTrue();
            assertThat(VerifiableConsistentBroadcast.isValidClosing(key, sha, "sim", "vcbc-api", 1, c, 0, c.length)).isFalse();
            assertThat(VerifiableConsistentBroadcast.getPayloadFromClosing(c)).isEqualTo(PAYLOAD);
        }
        byte[] tampered = b.get(0).getClosing();
        tampered[4] ^= 1;
        assertThatThrownBy(() -> b.get(1).deliverClosing(sha, tampered, 0, tampered.length))
                .isInstanceOf(IllegalArgumentException.class);
        MessageDigest md5 = MessageDigest.getInstance("MD5");
        assertThatThrownBy(() -> b.get(1).deliverClosing(md5, tampered, 0, tampered.length))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("SHA-256");
    }

    @Test
    void keysOfAnotherSiteOrGroupSizeAreRefused() {
        SimGroup g = new SimGroup(1, 4);
        List<SiteKeys> keys = SimGroup.keys(4);
        assertThatThrownBy(() -> Site.builder("sim", 0, 4, 1).keys(keys.get(1)).network(g.net.layerFor(0)).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("site 1's, not site 0's");
        List<SiteKeys> seven = SimGroup.keys(7);
        assertThatThrownBy(() -> new SiteKeys(0, 4, 1, Map.of(KeyPurpose.ABBA_MAIN, seven.get(0).signer(KeyPurpose.ABBA_MAIN),
                KeyPurpose.ABBA_PRE, seven.get(0).signer(KeyPurpose.ABBA_PRE), KeyPurpose.VCBC, seven.get(0).signer(KeyPurpose.VCBC)),
                seven.get(0).coin(), seven.get(0).decryptor()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("abba-main.key")
                .hasMessageContaining("the group needs (4, 3, 1)");
    }
}
