package org.maftia.node.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code maftia demo [stream|reliable|kernel]}: each variant is a subcommand with its own options,
 * so an option is accepted only by the variant it applies to; no variant runs the main one,
 * {@code stream}, with its defaults.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {
            "Run a demo. Without a variant: the main one, 'demo stream' with its",
            "defaults. Options belong to a variant: bin/maftia demo stream --payloads 2000."
        },
        subcommands = {StreamDemoCommand.class, ReliableDemoCommand.class, KernelDemoCommand.class})
final class DemoCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() {
        return spec.subcommands().get(StreamDemoCommand.NAME).execute();
    }

    /** A group demo's verdict line, and its exit code: 0 if it showed what it claims, else 1. */
    static int verdict(boolean ok, PrintWriter out) {
        out.println(ok ? "OK" : "FAILED");
        out.flush();
        return ok ? 0 : 1;
    }
}
