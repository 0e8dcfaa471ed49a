package org.maftia.group.directory;

import java.io.IOException;
import java.net.InetAddress;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.maftia.crypto.Dealers;
import org.maftia.group.KeyPurpose;
import org.maftia.net.InetWithPort;
import org.maftia.net.group.GroupConfig;
import org.maftia.net.group.SiteConfig;
import org.maftia.net.link.LinkKeyPair;

/**
 * The trusted dealer of spec 5.2.1 (the asynchronous protocols assume keys dealt once; re-sharing
 * changes them later without one): creates a group's configuration and every site's keys.
 */
public final class Dealer {

    /** What to create: the group's name and size, where its sites listen, which schemes it uses. */
    public record Plan(String groupId, int n, int t, InetAddress host, int basePort,
                       String signatureScheme, String coinScheme, String encryptionScheme) {
        public Plan {
            if (n < 1) {
                throw new IllegalArgumentException("--sites must be at least 1, not " + n);
            }
            if (t < 0 || n <= 3 * t) {
                throw new IllegalArgumentException("--t " + t + " with " + n + " sites breaks n > 3t; use at most " + (n - 1) / 3);
            }
            if (basePort < 1 || basePort + n - 1 > 65_535) {
                throw new IllegalArgumentException("--base-port " + basePort + " leaves no room for " + n + " ports");
            }
        }
    }

    private final SecureRandom random;

    public Dealer(SecureRandom random) {
        this.random = random;
    }

    /** Creates the group in {@code directory}. */
    public GroupDirectory deal(Plan plan, GroupDirectory directory, boolean overwrite) throws IOException {
        List<LinkKeyPair> linkKeys = new ArrayList<>();
        List<SiteConfig> sites = new ArrayList<>();
        for (int i = 0; i < plan.n(); i++) {
            LinkKeyPair k = LinkKeyPair.generate(random);
            linkKeys.add(k);
            sites.add(new SiteConfig(i, new InetWithPort(plan.host(), plan.basePort() + i), k.publicKey(), Map.of()));
        }
        GroupConfig group = new GroupConfig(plan.groupId(), plan.n(), plan.t(), sites);
        Map<KeyPurpose, Dealers.Dealt> thresholdKeys = new java.util.EnumMap<>(KeyPurpose.class);
        for (KeyPurpose purpose : KeyPurpose.all()) {
            String scheme = switch (purpose.kind()) {
                case SIGNATURE -> plan.signatureScheme();
                case COIN -> plan.coinScheme();
                case ENCRYPTION -> plan.encryptionScheme();
            };
            thresholdKeys.put(purpose, Dealers.deal(scheme, purpose.parameters(plan.n(), plan.t()), random));
        }
        directory.write(group, linkKeys, thresholdKeys, overwrite);
        return directory;
    }
}
