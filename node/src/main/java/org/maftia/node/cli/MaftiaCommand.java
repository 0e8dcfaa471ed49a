package org.maftia.node.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The top of the {@code maftia} command line: lists the subcommands. */
@Command(name = "maftia",
        mixinStandardHelpOptions = true,
        versionProvider = BuildInfo.class,
        description = "MAFTIA intrusion-tolerant middleware: sites, tools and demos.",
        subcommands = {
            VersionCommand.class,
            KeygenCommand.class,
            TtcbdCommand.class,
            SiteCommand.class,
            ClientCommand.class,
            StatusCommand.class,
            DemoCommand.class,
            TestCommand.class,
            JmhCommand.class,
            BenchCommand.class,
            CommandLine.HelpCommand.class
        })
public final class MaftiaCommand implements Runnable {

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    /** The configured command line, also used by tests. */
    public static CommandLine commandLine() {
        return new CommandLine(new MaftiaCommand()).setCaseInsensitiveEnumValuesAllowed(true)
                .setParameterExceptionHandler(new OneLineErrors());
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
