package org.maftia.node.cli;

import java.util.concurrent.Callable;
import org.maftia.node.demo.GroupDemo;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "reliable", mixinStandardHelpOptions = true,
        description = {
            "Reliable broadcasts among 4 sites, one of them equivocating.",
            "The same group of 4 sites; the honest sites reliably broadcast (Protocol 5)",
            "and site 3 equivocates in its own broadcasts; the demo shows the honest",
            "sites deliver the same payload from every broadcast."
        })
final class ReliableDemoCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--broadcasts", paramLabel = "N", defaultValue = "50",
            description = "Reliable broadcasts per site (default: ${DEFAULT-VALUE}).")
    private int broadcasts;

    @Mixin
    private DemoOptions.Links links;

    @Mixin
    private DemoOptions.Timeout timeout;

    @Override
    public Integer call() throws Exception {
        return DemoCommand.run(spec, () -> new GroupDemo(broadcasts, links.mode(), spec.commandLine().getOut()), timeout.duration());
    }
}
