package org.maftia.node.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Unmatched;

/** {@code maftia bench}: carried out by {@code bin/maftia} (see {@link SourceTree}); documented here. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = {
            "Run a macro benchmark of the bench module: bin/maftia builds the benchmark",
            "jar when a source changed and runs it with the JDK it found.",
            "  service [options]  a replicated service: 4 site processes on loopback,",
            "                     N closed-loop clients; ordered ops/s and p50/p99",
            "                     latency per request size and N, as a table and a CSV.",
            "  tx [options]       transactions across replicated groups: the bank's",
            "                     transaction manager and two banks, 4 sites each, in",
            "                     one JVM; N closed-loop clients transfer between the",
            "                     banks; committed and aborted transfers/s, p50/p99",
            "                     commit latency per N, a CSV; money conservation.",
            "bin/maftia bench service --help and bench tx --help list their options.",
            "Run from the jar, this command hands over to bin/maftia."
        })
final class BenchCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Unmatched
    private List<String> benchArgs = new ArrayList<>();

    @Override
    public Integer call() {
        return SourceTree.runScript(spec, benchArgs);
    }
}
