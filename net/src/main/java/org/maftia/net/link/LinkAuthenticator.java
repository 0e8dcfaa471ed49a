package org.maftia.net.link;

import java.security.GeneralSecurityException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.maftia.net.InetWithPort;
import org.maftia.net.group.GroupConfig;
import org.maftia.net.tcp.ConnectionAuthenticator;

/**
 * Admits TCP connections between the sites of a group: identities are site ids, the MAC key of a
 * pair is its handshake key ({@link LinkKeys#handshakeKey}), which both sites derive from their
 * static X25519 keys without exchanging anything.
 */
final class LinkAuthenticator implements ConnectionAuthenticator {

    private final GroupConfig group;
    private final int self;
    private final SecretKeySpec[] keys;

    LinkAuthenticator(GroupConfig group, int self, LinkKeys linkKeys) {
        this.group = group;
        this.self = self;
        this.keys = new SecretKeySpec[group.n()];
        for (int j = 0; j < group.n(); j++) {
            if (j != self) {
                keys[j] = new SecretKeySpec(linkKeys.handshakeKey(j), "HmacSHA256");
            }
        }
    }

    @Override
    public int self() {
        return self;
    }

    @Override
    public int siteAt(InetWithPort address) {
        for (int j = 0; j < group.n(); j++) {
            if (j != self && group.address(j).equals(address)) {
                return j;
            }
        }
        return -1;
    }

    @Override
    public boolean isPeer(int site) {
        return site >= 0 && site < group.n() && site != self;
    }

    @Override
    public byte[] mac(int peer, byte[] transcript) {
        // Once per connection, from the connection's own thread: a Mac per call needs no locking.
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(keys[peer]);
            return mac.doFinal(transcript);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is required of every JDK", e);
        }
    }
}
