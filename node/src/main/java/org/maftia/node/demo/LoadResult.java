package org.maftia.node.demo;

/** What the load generator saw: messages sent and verified back, bad ones, and the time taken. */
public record LoadResult(long sent, long delivered, long badPayloads, long elapsedNanos) {

    public double messagesPerSecond() {
        return elapsedNanos == 0 ? 0 : delivered * 1e9 / elapsedNanos;
    }
}
