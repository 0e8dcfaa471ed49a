package org.maftia.group.core;

import org.maftia.appia.time.Clock;

/**
 * What a protocol instance can do (spec 5.2.1): know the group and itself, send to one party or
 * to all (the sender included), and say it is done. Called on the site's protocol thread only.
 */
public interface ProtocolContext {

    /** The group and this site's place in it. */
    GroupParameters parameters();

    /** This site's id, {@code 0..n-1}. */
    default int self() {
        return parameters().self();
    }

    default int n() {
        return parameters().n();
    }

    default int t() {
        return parameters().t();
    }

    default String groupId() {
        return parameters().groupId();
    }

    /** Sends {@code message}, which encodes itself, to party {@code to}. */
    void send(int to, WireMessage message);

    /** Sends {@code message} to every party, this one included (as the pseudo-code's "send ... to all parties"). */
    void sendAll(WireMessage message);

    /**
     * Starts a sub-protocol instance at this site (convention 5: its id extends this one's), e.g.
     * VBA's consistent broadcasts and binary agreements. Messages that waited for it are handed over.
     */
    void start(ProtocolInstance<?> child);

    /** Frees the instance's state; later messages for it are ignored and counted. */
    void finished();

    Clock clock();
}
