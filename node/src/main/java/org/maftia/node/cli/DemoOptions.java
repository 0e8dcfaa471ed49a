package org.maftia.node.cli;

import java.time.Duration;
import org.maftia.net.link.LinkMode;
import picocli.CommandLine.Option;

/** Options more than one demo variant takes, declared once. */
final class DemoOptions {

    private DemoOptions() {
    }

    /** Every variant gives up after a while. */
    static final class Timeout {
        @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "300",
                description = "Give up after this many seconds (default: ${DEFAULT-VALUE}).")
        private long seconds;

        Duration duration() {
            return Duration.ofSeconds(seconds);
        }
    }

    /** The variants whose sites talk over TCP through authenticated links. */
    static final class Links {
        @Option(names = "--link-mode", paramLabel = "MODE", defaultValue = "AEAD",
                description = "Authenticated links: MAC or AEAD (default: ${DEFAULT-VALUE}).")
        private LinkMode mode;

        LinkMode mode() {
            return mode;
        }
    }
}
