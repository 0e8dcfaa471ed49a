package org.maftia.net.link;

import org.maftia.net.group.GroupConfig;

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
}
