package org.maftia.group.stream;

/**
 * A protocol instance that orders stream entries (ABC, Protocol 7; SC-ABC, Protocol 8), as the
 * stream API drives it on the protocol thread.
 */
public interface TotalOrder {

    /** Upon (broadcast, m). */
    void broadcast(StreamEntry entry);

    /** This party's close, with the proof that it is this party's. */
    StreamEntry.Close closeEntry(int self, String groupId);

    /** The application acknowledged: deliver on. */
    void resume();
}
