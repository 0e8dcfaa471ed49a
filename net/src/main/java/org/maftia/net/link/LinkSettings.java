package org.maftia.net.link;

import org.maftia.net.group.GroupConfig;
import org.maftia.net.tcp.ConnectionAuthenticator;

/**
 * What an authenticated link session needs: the group, which site this is, its link key pair
 * (whose public half must be the one the group lists for it), the mode and the replay window.
 */
public record LinkSettings(GroupConfig group, int self, LinkKeyPair keys, LinkMode mode, int replayWindow) {

    public LinkSettings {
        group.site(self);
        if (!java.util.Arrays.equals(group.site(self).linkPublicKey(), keys.publicKey())) {
            throw new IllegalArgumentException("the link key pair given for site " + self
                    + " does not match the public key the group lists for it; use that site's key file");
        }
    }

    public LinkSettings(GroupConfig group, int self, LinkKeyPair keys, LinkMode mode) {
        this(group, self, keys, mode, 1024);
    }

    /**
     * What the TCP layer under this link needs to admit connections from the sites of the group
     * only, and to make sure it talks to the site it dialled: give it to the {@code TcpCompleteLayer}.
     */
    public ConnectionAuthenticator connectionAuthenticator() {
        return new LinkAuthenticator(group, self, new LinkKeys(group, self, keys.privateKey()));
    }
}
