package org.maftia.net.tcp;

import org.maftia.net.InetWithPort;

/**
 * What the TCP layer needs to admit a connection only from a site of the group, and to check that
 * it reached the site it dialled: the sites' identities and a MAC under the key two sites share.
 * The TCP layer runs the handshake ({@link Handshake}) and never sees a key; the authenticated
 * link provides an implementation ({@code LinkSettings.connectionAuthenticator()}).
 */
public interface ConnectionAuthenticator {

    /** This site's id. */
    int self();

    /** The site listening at {@code address}, or -1 when no site of the group does. */
    int siteAt(InetWithPort address);

    /** Whether {@code site} is a site of the group other than this one. */
    boolean isPeer(int site);

    /** HMAC-SHA256 of {@code transcript} under the key this site shares with {@code peer}. */
    byte[] mac(int peer, byte[] transcript);
}
