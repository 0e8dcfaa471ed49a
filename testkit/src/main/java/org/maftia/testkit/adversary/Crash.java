package org.maftia.testkit.adversary;

import org.maftia.testkit.net.Adversary;
import org.maftia.testkit.net.Envelope;
import org.maftia.testkit.net.SimulatedNetwork;

/**
 * Crashed or silent corrupted sites: from a virtual time on, nothing they send reaches anyone.
 * The sites may run the honest protocol until then, so the crash falls mid-protocol: after some
 * of its steps, before the others.
 */
public final class Crash implements Adversary {

    private final Driven driven;
    private final long atNanos;
    private long dropped;

    private Crash(long atNanos, int... sites) {
        if (atNanos < 0) {
            throw new IllegalArgumentException("a crash time is not negative: " + atNanos);
        }
        this.driven = new Driven("Crash", sites);
        this.atNanos = atNanos;
    }

    /** Sites that never say anything. */
    public static Crash silent(int... sites) {
        return new Crash(0, sites);
    }

    /** Sites that go silent at virtual time {@code atNanos}. */
    public static Crash at(long atNanos, int... sites) {
        return new Crash(atNanos, sites);
    }

    @Override
    public Decision onMessage(Envelope message, SimulatedNetwork network) {
        if (!driven.contains(message.from()) || message.sentAtNanos() < atNanos) {
            return DELIVER;
        }
        driven.requireCorrupted(network);
        dropped++;
        return DROP;
    }

    /** Messages of the crashed sites dropped so far. */
    public long dropped() {
        return dropped;
    }

    @Override
    public String toString() {
        return driven + " at " + atNanos + " ns";
    }
}
