package org.maftia.testkit.sim;

/** One event handed to one session of one site, at a virtual time. */
public record TraceEntry(long timeNanos, int site, String channel, String session, String event, String direction) {

    @Override
    public String toString() {
        return String.format("%,15d ns  site %d  %-10s %-24s %-22s %s", timeNanos, site, channel, session, event, direction);
    }
}
