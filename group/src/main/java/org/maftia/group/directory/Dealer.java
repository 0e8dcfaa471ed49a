package org.maftia.group.directory;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.maftia.crypto.Dealers;
import org.maftia.group.KeyPurpose;
import org.maftia.net.InetWithPort;
import org.maftia.net.group.ClientAccess;
import org.maftia.net.group.GroupConfig;
import org.maftia.net.group.GroupNames;
import org.maftia.net.group.SiteConfig;
import org.maftia.net.link.LinkKeyPair;

/**
 * The trusted dealer of spec 5.2.1 (the asynchronous protocols assume keys dealt once; re-sharing
 * changes them later without one): creates a group's configuration and every site's keys, and
 * the link keys of the clients it names.
 */
public final class Dealer {

    /**
     * What to create: the group's name and size, where its sites listen (site i on
     * {@code basePort + i}, for clients on {@code clientBasePort + i}), which clients it serves
     * (by name; none named: any client), which schemes it uses. Everything is checked here,
     * before anything is written; messages name the keygen option.
     */
    public record Plan(String groupId, int n, int t, InetAddress host, int basePort, int clientBasePort, List<String> clients,
                       String signatureScheme, String coinScheme, String encryptionScheme) {
        public Plan {
            clients = List.copyOf(clients);
            if (!GroupNames.isValid(groupId)) {
                throw new IllegalArgumentException("--group '" + groupId + "': a group name is " + GroupNames.RULE + ", e.g. --group bank");
            }
            if (n < 1) {
                throw new IllegalArgumentException("--sites must be at least 1, not " + n);
            }
            if (t < 0 || n <= 3 * t) {
                throw new IllegalArgumentException("--t " + t + " with " + n + " sites breaks n > 3t; use at most " + (n - 1) / 3);
            }
            String unreachable = host.isAnyLocalAddress() ? "the wildcard address is no one host"
                    : host.isMulticastAddress() ? "a multicast address reaches many hosts"
                    : host instanceof Inet4Address && host.getHostAddress().equals("255.255.255.255") ? "the broadcast address reaches every host"
                    : null;
            if (unreachable != null) {
                throw new IllegalArgumentException("--host " + host.getHostAddress() + ": " + unreachable
                        + "; give the address the sites reach each other at, e.g. --host 127.0.0.1");
            }
            if (basePort < 1 || basePort + n - 1 > 65_535) {
                throw new IllegalArgumentException("--base-port " + basePort + " leaves no room for " + n + " ports");
            }
            if (clientBasePort < 1 || clientBasePort + n - 1 > 65_535) {
                throw new IllegalArgumentException("--client-base-port " + clientBasePort + " leaves no room for " + n + " ports");
            }
            if (clientBasePort < basePort + n && basePort < clientBasePort + n) {
                throw new IllegalArgumentException("--client-base-port " + clientBasePort + " overlaps the sites' ports "
                        + basePort + ".." + (basePort + n - 1) + "; use --client-base-port " + (basePort + n) + " or above");
            }
            var seen = new HashSet<String>();
            for (String c : clients) {
                if (!GroupNames.isValid(c)) {
                    throw new IllegalArgumentException("--clients '" + c + "': a client name is " + GroupNames.RULE + ", e.g. --clients alice,bob");
                }
                if (!seen.add(c)) {
                    throw new IllegalArgumentException("--clients: '" + c + "' is named twice; give each client its own name");
                }
            }
        }

        /** A group serving any client, on {@code basePort + 100 + i}. */
        public Plan(String groupId, int n, int t, InetAddress host, int basePort,
                    String signatureScheme, String coinScheme, String encryptionScheme) {
            this(groupId, n, t, host, basePort, basePort + 100, List.of(), signatureScheme, coinScheme, encryptionScheme);
        }
    }

    private final SecureRandom random;

    public Dealer(SecureRandom random) {
        this.random = random;
    }

    /** Creates the group in {@code directory}: all of it, or (on any failure) nothing. */
    public GroupDirectory deal(Plan plan, GroupDirectory directory, boolean overwrite) throws IOException {
        List<LinkKeyPair> linkKeys = new ArrayList<>();
        List<SiteConfig> sites = new ArrayList<>();
        for (int i = 0; i < plan.n(); i++) {
            LinkKeyPair k = LinkKeyPair.generate(random);
            linkKeys.add(k);
            sites.add(new SiteConfig(i, new InetWithPort(plan.host(), plan.basePort() + i), k.publicKey(), Map.of(),
                    new InetWithPort(plan.host(), plan.clientBasePort() + i)));
        }
        Map<String, LinkKeyPair> clientKeys = new LinkedHashMap<>();
        Map<String, byte[]> clientPublicKeys = new LinkedHashMap<>();
        for (String name : plan.clients()) {
            LinkKeyPair k = LinkKeyPair.generate(random);
            clientKeys.put(name, k);
            clientPublicKeys.put(name, k.publicKey());
        }
        ClientAccess clients = plan.clients().isEmpty() ? ClientAccess.any() : ClientAccess.listed(clientPublicKeys);
        GroupConfig group = new GroupConfig(plan.groupId(), plan.n(), plan.t(), sites, clients);
        Map<KeyPurpose, Dealers.Dealt> thresholdKeys = new java.util.EnumMap<>(KeyPurpose.class);
        for (KeyPurpose purpose : KeyPurpose.all()) {
            String scheme = switch (purpose.kind()) {
                case SIGNATURE -> plan.signatureScheme();
                case COIN -> plan.coinScheme();
                case ENCRYPTION -> plan.encryptionScheme();
            };
            thresholdKeys.put(purpose, Dealers.deal(scheme, purpose.parameters(plan.n(), plan.t()), random));
        }
        directory.write(group, linkKeys, clientKeys, thresholdKeys, overwrite);
        return directory;
    }
}
