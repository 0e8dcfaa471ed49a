package org.maftia.node.demo;

import java.time.Duration;

/** A demo gave up: the message says after how long and what it was still waiting for. */
public final class DemoTimeoutException extends Exception {

    public DemoTimeoutException(Duration timeout, String waitingFor) {
        super("timed out after " + timeout.toSeconds() + " s waiting for " + waitingFor);
    }
}
