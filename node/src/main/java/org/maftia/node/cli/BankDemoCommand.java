package org.maftia.node.cli;

import java.util.concurrent.Callable;
import org.maftia.node.demo.BankDemo;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = BankDemoCommand.NAME, mixinStandardHelpOptions = true,
        description = {
            "The main demo: a replicated bank, transactions across replicated groups.",
            "A transaction manager group and two bank groups of 4 sites each run in this",
            "process, every site with its own threads and TCP on loopback; site 3 of each",
            "group is corrupted (wrong replies, wrong votes, forged calls). Clients transfer",
            "money between the banks concurrently; the demo shows money is conserved, every",
            "committed transfer applied exactly once at every honest replica, and the",
            "corrupted replicas outvoted."
        })
final class BankDemoCommand implements Callable<Integer> {

    static final String NAME = "bank";

    @Spec
    private CommandSpec spec;

    @Option(names = "--clients", paramLabel = "N", defaultValue = "8",
            description = "Concurrent clients, 1 to 200 (default: ${DEFAULT-VALUE}).")
    private int clients;

    @Option(names = "--transfers", paramLabel = "N", defaultValue = "10",
            description = "Transfers per client, one after another (default: ${DEFAULT-VALUE}).")
    private int transfers;

    @Option(names = "--accounts", paramLabel = "N", defaultValue = "8",
            description = "Accounts per bank (default: ${DEFAULT-VALUE}); fewer make conflicts likelier.")
    private int accounts;

    @Mixin
    private DemoOptions.Timeout timeout;

    @Override
    public Integer call() throws Exception {
        return DemoCommand.run(spec, () -> new BankDemo(clients, transfers, accounts, spec.commandLine().getOut()), timeout.duration());
    }
}
