package org.maftia.node.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.maftia.ttcb.daemon.TtcbConfig;
import org.maftia.ttcb.daemon.TtcbConfigException;
import org.maftia.ttcb.daemon.TtcbConfigLoader;
import org.maftia.ttcb.daemon.TtcbDaemon;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "ttcbd", mixinStandardHelpOptions = true,
        description = {
            "Run the local TTCB of this host (spec 2.2, 4.1) until killed: the",
            "agreement service (Protocols 1-2) and clock synchronisation over its own",
            "UDP control network, the time services, and the TTCB API for the",
            "entities of this host on a Unix domain socket. Exits 2 on a configuration",
            "mistake, 3 if it halted on a timing failure of its own."
        })
final class TtcbdCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Parameters(paramLabel = "CONFIG", description = "The local TTCB's YAML file (see the README, 'The TTCB').")
    private Path config;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        TtcbConfig c;
        TtcbDaemon started;
        try {
            c = TtcbConfigLoader.load(config);
            started = new TtcbDaemon(c);
        } catch (TtcbConfigException e) {
            err.println("maftia ttcbd: " + e.getMessage());
            return 2;
        }
        try (TtcbDaemon daemon = started) {
            // On SIGTERM/SIGINT: remove the socket and stop (kill -9 leaves the socket file; the next start replaces it).
            Thread hook = new Thread(() -> {
                try {
                    daemon.close();
                } catch (java.io.IOException ignored) {
                    // exiting anyway
                }
            }, "ttcbd-shutdown");
            Runtime.getRuntime().addShutdownHook(hook);
            daemon.start();
            var t = c.timing();
            out.printf("local TTCB %d of %d: entities at %s, public key in %s, control network %s%n",
                    c.id(), c.members().size(), c.socket(), c.publicKeyFile(), c.members().get(c.id()));
            out.printf("Tbroadcast = %.1f ms, Tagreement = %.1f ms, pi = %.1f ms (formulas 4.2, 4.3)%n",
                    t.tbroadcast() / 1e6, t.tagreement() / 1e6, t.pi() / 1e6);
            out.flush();
            daemon.awaitHalt();
            err.println("maftia ttcbd: local TTCB " + c.id() + " halted on a timing failure of its own; see the log");
            return 3;
        }
    }
}
