package org.maftia.node.cli;

import java.time.Duration;
import org.maftia.net.link.LinkMode;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** Options more than one demo variant takes, declared once. */
final class DemoOptions {

    private DemoOptions() {
    }

    /** Every variant gives up after a while: a demo that times out says what it waited for and exits with 1. */
    static final class Timeout {
        /** A day: longer than any demo runs, short enough that the milliseconds fit every timed wait. */
        static final long MAX_SECONDS = 86_400;

        @Spec(Spec.Target.MIXEE)
        private CommandSpec mixee;

        private long seconds;

        @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "300",
                description = {"Give up after this many seconds, 1 to 86400 (default: ${DEFAULT-VALUE});",
                    "a demo that gives up says what it was waiting for and exits with 1."})
        void seconds(long value) {
            if (value < 1 || value > MAX_SECONDS) {
                throw new ParameterException(mixee.commandLine(), "--timeout must be 1 to " + MAX_SECONDS
                        + " seconds (a day), not " + value);
            }
            seconds = value;
        }

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
