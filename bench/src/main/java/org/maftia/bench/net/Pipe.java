package org.maftia.bench.net;

/** One sender and one receiver of the benchmark, connected over loopback. */
interface Pipe extends AutoCloseable {

    /** Sending thread: sends the next {@code k} messages (the window already made room for them). */
    void send(int k);

    /** Throws unless every counter of the stack says nothing was dropped, refused or failed. */
    void checkHealthy();

    /** Called after {@link Window#drain()}: every message sent arrived; checks that the stack agrees. */
    void checkComplete();

    @Override
    void close() throws Exception;
}
