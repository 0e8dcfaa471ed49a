package org.maftia.node.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import picocli.CommandLine.Command;
import org.maftia.node.demo.Demo;
import org.maftia.node.demo.DemoTimeoutException;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code maftia demo [bank|stream|reliable|kernel]}: each variant is a subcommand with its own
 * options, so an option is accepted only by the variant it applies to; no variant runs the main
 * one, {@code bank}, with its defaults.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {
            "Run a demo. Without a variant: the main one, 'demo bank' with its defaults.",
            "Options belong to a variant: bin/maftia demo bank --clients 20.",
            "Exit code: 0 when the demo showed what it claims; 1 when it did not, timed out",
            "(it says what it was waiting for) or failed; 2 for a mistake on the command line."
        },
        subcommands = {BankDemoCommand.class, StreamDemoCommand.class, ReliableDemoCommand.class, KernelDemoCommand.class})
final class DemoCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() {
        return spec.subcommands().get(BankDemoCommand.NAME).execute();
    }

    /**
     * Makes a group demo from the options (a bad value is a usage error naming it), runs it, and
     * prints its verdict line; the exit code is 0 if it showed what it claims, else 1. A demo that
     * times out or fails says so in one line on stderr (what it waited for, or what went wrong).
     */
    static int run(CommandSpec spec, Callable<Demo> make, Duration timeout) throws Exception {
        Demo demo;
        try {
            demo = make.call();
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        boolean ok;
        try {
            ok = demo.run(timeout);
        } catch (DemoTimeoutException e) {
            return failed(spec, e.getMessage());
        } catch (ExecutionException e) {
            return failed(spec, "failed: " + e.getCause());
        }
        PrintWriter out = spec.commandLine().getOut();
        out.println(ok ? "OK" : "FAILED");
        out.flush();
        return ok ? 0 : 1;
    }

    private static int failed(CommandSpec spec, String why) {
        spec.commandLine().getOut().flush();
        PrintWriter err = spec.commandLine().getErr();
        err.println(spec.qualifiedName() + ": " + why);
        err.flush();
        return 1;
    }
}
