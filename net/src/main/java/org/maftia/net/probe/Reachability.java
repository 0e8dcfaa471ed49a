package org.maftia.net.probe;

import java.io.IOException;
import java.net.InetAddress;
import java.time.Duration;
import org.maftia.appia.time.Clock;

/**
 * Whether a host answers (spec 3.1.4, ICMP): an ICMP echo where the JVM may send one (root or
 * CAP_NET_RAW), otherwise a TCP connection attempt to the echo port, as
 * {@link InetAddress#isReachable} does: a refused connection counts as an answer (the host is
 * up), and some sandboxed networks answer for every address. For failure detectors, as one
 * input among others; it blocks, so call it off the protocol thread.
 */
public final class Reachability {

    private final Clock clock;

    public Reachability(Clock clock) {
        this.clock = clock;
    }

    /** The outcome of one probe: reachable or not, and the round trip it took. */
    public record Probe(InetAddress host, boolean reachable, Duration roundTrip, String error) {
    }

    public Probe probe(InetAddress host, Duration timeout) {
        if (timeout.isNegative() || timeout.isZero() || timeout.toMillis() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("probe timeout must be positive and under 24 days, not " + timeout);
        }
        long start = clock.nanoTime();
        try {
            boolean reachable = host.isReachable((int) Math.max(1, timeout.toMillis()));
            return new Probe(host, reachable, Duration.ofNanos(clock.nanoTime() - start), null);
        } catch (IOException e) {
            return new Probe(host, false, Duration.ofNanos(clock.nanoTime() - start), e.toString());
        }
    }
}
