package org.maftia.net;

import java.net.InetAddress;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.maftia.net.group.GroupConfig;
import org.maftia.net.group.SiteConfig;
import org.maftia.net.link.LinkKeyPair;

/** Groups with fresh link keys for tests. */
public final class TestGroups {

    public final GroupConfig group;
    public final List<LinkKeyPair> keys;

    private TestGroups(GroupConfig group, List<LinkKeyPair> keys) {
        this.group = group;
        this.keys = keys;
    }

    /** A group of {@code n} sites on loopback at the given ports (0 where tests do not bind). */
    public static TestGroups of(String id, int n, int... ports) {
        SecureRandom random = new SecureRandom();
        List<LinkKeyPair> keys = new ArrayList<>();
        List<SiteConfig> sites = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            LinkKeyPair k = LinkKeyPair.generate(random);
            keys.add(k);
            int port = i < ports.length ? ports[i] : 20_000 + i;
            sites.add(new SiteConfig(i, new InetWithPort(InetAddress.getLoopbackAddress(), port), k.publicKey(), Map.of()));
        }
        return new TestGroups(new GroupConfig(id, n, (n - 1) / 3, sites), keys);
    }
}
