package org.maftia.replication;

import java.time.Duration;

/**
 * How a client calls a group.
 *
 * @param timeout        how long a request may take at one member before it goes to the next (Protocol 11's T)
 * @param window         requests under way at once; must not exceed the replicas' client window
 * @param connectTimeout how long connecting to one site may take
 */
public record ProxyOptions(Duration timeout, int window, Duration connectTimeout) {

    public static final ProxyOptions DEFAULT = new ProxyOptions(Duration.ofSeconds(2), 128, Duration.ofSeconds(3));

    public ProxyOptions {
        if (timeout.isNegative() || timeout.isZero() || connectTimeout.isNegative() || connectTimeout.isZero()) {
            throw new IllegalArgumentException("proxy timeouts must be positive");
        }
        if (window < 1 || window > ReplicaOptions.DEFAULT.clientWindow()) {
            throw new IllegalArgumentException("window " + window + ": must be in 1.." + ReplicaOptions.DEFAULT.clientWindow()
                    + " (the replicas' client window)");
        }
    }

    public ProxyOptions withTimeout(Duration t) {
        return new ProxyOptions(t, window, connectTimeout);
    }
}
