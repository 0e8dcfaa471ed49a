package org.maftia.net.client;

/** One authenticated client as its site sees it. */
public interface ClientSession {

    ClientId client();

    /** The name admission gave the client, for logs. */
    String name();

    /**
     * Queues a frame for the client; never blocks. False when the session is closed, or when
     * the client's outbox is over its bound: the client is not reading, so the session is closed
     * and counted rather than let it hold the site's memory.
     *
     * @throws IllegalArgumentException if the frame is over the endpoint's maxFrameBytes
     */
    boolean send(byte[] frame);

    void close();
}
