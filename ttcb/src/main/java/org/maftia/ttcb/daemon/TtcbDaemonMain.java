package org.maftia.ttcb.daemon;

import java.nio.file.Path;

/**
 * Runs one local TTCB until killed: {@code java ... TtcbDaemonMain ttcb.yaml}. Exits 2 on a
 * configuration mistake (one line), 3 when the local TTCB halted on its own timing failure.
 */
public final class TtcbDaemonMain {

    private TtcbDaemonMain() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 1) {
            System.err.println("usage: TtcbDaemonMain <ttcb.yaml>");
            System.exit(2);
        }
        System.exit(run(Path.of(args[0])));
    }

    /** Runs the daemon; returns the exit code. */
    public static int run(Path configFile) throws Exception {
        TtcbConfig config;
        TtcbDaemon started;
        try {
            config = TtcbConfigLoader.load(configFile);
            started = new TtcbDaemon(config);
        } catch (TtcbConfigException e) {
            System.err.println("ttcbd: " + e.getMessage());
            return 2;
        }
        try (TtcbDaemon daemon = started) {
            daemon.start();
            System.out.println("ttcbd " + config.id() + " ready at " + config.socket());
            System.out.flush();
            daemon.awaitHalt();
            System.err.println("ttcbd: local TTCB " + config.id() + " halted on a timing failure of its own (see the log)");
            return 3;
        }
    }
}
